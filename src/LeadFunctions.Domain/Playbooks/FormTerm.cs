namespace LeadFunctions.Domain.Playbooks;

/// <summary>A form a website may post to: its id in the URL, whether it makes an MQL or an SQL, and the company's name for it.</summary>
public sealed record FormTerm(string Id, FormIntent Intent, string DisplayName);
