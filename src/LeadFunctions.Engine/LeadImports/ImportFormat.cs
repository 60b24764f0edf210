namespace LeadFunctions.Engine.LeadImports;

/// <summary>How an upload is written: one JSON object per line, or CSV with a header row of field names.</summary>
public enum ImportFormat
{
    Ndjson,
    Csv,
}
