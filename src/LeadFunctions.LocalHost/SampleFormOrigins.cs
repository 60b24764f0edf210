using System.Globalization;
using LeadFunctions.Http;

namespace LeadFunctions.LocalHost;

/// <summary>
/// The sample form is served by this host at /, so it posts from the host's own origin: whatever port the host listens
/// on (run.sh --port, --urls), that origin may post and be redirected to, next to Intake:AllowedOrigins.
/// </summary>
internal static class SampleFormOrigins
{
    public static IServiceCollection AddLocalSampleFormOrigins(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().PostConfigure<IConfiguration>((intake, configuration) =>
            intake.AllowedOrigins = [.. intake.AllowedOrigins.Concat(From(ListenUrls.From(configuration))).Distinct(StringComparer.OrdinalIgnoreCase)]);
        return services;
    }

    private static IEnumerable<string> From(IEnumerable<ListenUrl> urls)
    {
        foreach (var url in urls.Where(u => u.Port > 0))
        {
            var port = url.Port.ToString(CultureInfo.InvariantCulture);
            if (url.IsWildcard || url.Address.Equals(System.Net.IPAddress.Loopback))
            {
                yield return $"{url.Scheme}://localhost:{port}";
                yield return $"{url.Scheme}://127.0.0.1:{port}";
            }
            else
            {
                yield return $"{url.Scheme}://{url.Host}:{port}";
            }
        }
    }
}
