namespace LeadFunctions.Engine.LeadImports;

/// <summary>One CSV record: its fields, how many characters it spanned, and whether it ended inside a quoted field.</summary>
internal sealed record CsvRecord(IReadOnlyList<string> Fields, int Length, bool Unterminated);
