using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http.Dashboard;

/// <summary>
/// The pipeline dashboard: one static page and its assets, embedded in this library so the local host and the
/// Functions app serve the same bytes. The page holds no data and is anonymous to load; in Azure it reads the
/// signed-in data routes beside it (the Functions app's DashboardDataFunctions), elsewhere the keyed routes with the key
/// its user enters.
/// </summary>
public sealed class DashboardEndpoints
{
    public const string PageRoute = "/dashboard";
    public const string AssetRoute = "/dashboard/assets/{file}";
    private const string ResourcePrefix = "LeadFunctions.Dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Read once (the endpoint is a singleton): the set of files is fixed at build time, and a name outside it is a 404
    // rather than a path lookup.
    private readonly FrozenDictionary<string, DashboardFile> _files = Load();

    public IResult Page() => _files["index.html"];

    public IResult Asset(string file)
        => file != "index.html" && _files.TryGetValue(file ?? string.Empty, out var asset) ? asset : TypedResults.NotFound();

    private static FrozenDictionary<string, DashboardFile> Load()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[ResourcePrefix.Length..], name => Read(assembly, name), StringComparer.Ordinal);
    }

    private static DashboardFile Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing resource {name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return new DashboardFile(copy.ToArray(), type);
    }
}
