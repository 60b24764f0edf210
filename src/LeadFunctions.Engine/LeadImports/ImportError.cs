namespace LeadFunctions.Engine.LeadImports;

/// <summary>Why one row was not applied: its number (1-based data row), the field at fault ("$" for the whole row), and what is wrong. Never the value.</summary>
public sealed record ImportError(int Row, string Field, string Message);
