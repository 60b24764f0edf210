using System.Buffers;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>Import ids: "imp-" and 32 lowercase hex digits, chosen by us; anything else names no import and never reaches a storage key.</summary>
public static class ImportIds
{
    private const string Prefix = "imp-";
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdef");

    public static string New() => Prefix + Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? importId)
        => importId is { Length: 36 } && importId.StartsWith(Prefix, StringComparison.Ordinal) && importId.AsSpan(Prefix.Length).IndexOfAnyExcept(Hex) < 0;
}
