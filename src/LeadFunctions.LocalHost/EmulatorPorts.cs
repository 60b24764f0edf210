namespace LeadFunctions.LocalHost;

/// <summary>
/// The ports of a local emulator named by a storage connection string: the well-known ones for
/// "UseDevelopmentStorage=true", or the loopback endpoints of an explicit devstoreaccount1 string (how tests and
/// scripts give a host its own emulator). Anything else is not an emulator this host may start.
/// </summary>
internal sealed record EmulatorPorts(int Blob, int Queue, int Table)
{
    public static readonly EmulatorPorts Default = new(10000, 10001, 10002);

    public static EmulatorPorts? From(string? connectionString)
    {
        var text = connectionString?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (string.Equals(text, "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return Default;
        }

        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("AccountName", out var account) || account != "devstoreaccount1")
        {
            return null;
        }

        var queue = LoopbackPort(parts, "QueueEndpoint");
        var table = LoopbackPort(parts, "TableEndpoint");
        if (queue is null || table is null)
        {
            return null;
        }

        return new EmulatorPorts(LoopbackPort(parts, "BlobEndpoint") ?? 0, queue.Value, table.Value);
    }

    private static int? LoopbackPort(Dictionary<string, string> parts, string key)
        => parts.TryGetValue(key, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.IsLoopback ? uri.Port : null;
}
