using Azure;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// What guards the next write of a lead (the opaque <c>StoredLead.ETag</c> the engine hands back): the lead row's
/// ETag when the lead was read from its row, or one due row's key and ETag when it was read from that row's copy.
/// Every write of a lead rewrites all of its due rows, so a due row that is unchanged proves the lead is unchanged.
/// </summary>
internal readonly record struct VersionTag(string? DueRowKey, ETag ETag)
{
    private const string DueRowMarker = "due-row:";

    public static string OfDueRow(string rowKey, ETag etag) => $"{DueRowMarker}{rowKey}#{etag}";

    public static VersionTag Parse(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (!tag.StartsWith(DueRowMarker, StringComparison.Ordinal))
        {
            return new VersionTag(null, new ETag(tag));
        }

        // Row keys never contain '#' (lead ids are base32), so the first one ends the key.
        var separator = tag.IndexOf('#', DueRowMarker.Length);
        if (separator < 0)
        {
            throw new ArgumentException("Not a version tag this store wrote.", nameof(tag));
        }

        return new VersionTag(tag[DueRowMarker.Length..separator], new ETag(tag[(separator + 1)..]));
    }
}
