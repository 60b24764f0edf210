namespace LeadFunctions.TestSupport;

/// <summary>Table and queue names unique to one test, so tests share one emulator without seeing each other's data.</summary>
public static class UniqueNames
{
    public static string Table(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public static string Queue(string prefix) => (prefix + "-" + Guid.NewGuid().ToString("N")[..12]).ToLowerInvariant();
}
