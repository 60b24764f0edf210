using System.Net;

namespace LeadFunctions.LocalHost;

/// <summary>One address Kestrel will listen on, from the "urls" setting (appsettings, --urls or ASPNETCORE_URLS).</summary>
internal sealed record ListenUrl(string Scheme, string Host, IPAddress Address, int Port, bool IsWildcard);

/// <summary>Reads the "urls" setting the way Kestrel does, for the checks and origins that must follow the chosen port.</summary>
internal static class ListenUrls
{
    private const string DefaultUrls = "http://localhost:5000";

    public static IReadOnlyList<ListenUrl> From(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        return [.. (string.IsNullOrWhiteSpace(urls) ? DefaultUrls : urls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse)
            .OfType<ListenUrl>()];
    }

    private static ListenUrl? Parse(string url)
    {
        var binding = BindingAddress.Parse(url);
        if (binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return null;
        }

        var host = binding.Host;
        var wildcard = host is "*" or "+" or "0.0.0.0" or "[::]";
        var address = wildcard || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : IPAddress.Loopback;
        return new ListenUrl(binding.Scheme, host, address, binding.Port, wildcard);
    }
}
