namespace LeadFunctions.Domain.Reports;

/// <summary>Of the leads that were ever MQLs, how many went on to SQL (sales accepted them).</summary>
public sealed record MqlAcceptance(int Mqls, int Accepted, double Rate);
