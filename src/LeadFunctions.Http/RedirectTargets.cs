using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http;

/// <summary>
/// Where a browser form post may be sent after success. An open redirect would let anyone borrow our domain for phishing,
/// so only two kinds of target pass: an http(s) URL on an Intake:AllowedOrigins origin or on this API's own origin, and a
/// path such as "/?submitted=1#thank-you", which a page can set statically, without script. A path is resolved against
/// the posting page's origin when the browser names an allowed one (the page lives on the company's site), otherwise
/// against this API's own origin (the page was served by this host).
/// </summary>
internal static class RedirectTargets
{
    public static Uri? Resolve(string value, HttpRequest request, IntakeOptions options)
    {
        var own = OwnOrigin(request);
        if (value.StartsWith('/'))
        {
            // "//host/..." and "/\host" are other hosts to a browser, not paths.
            if (value.Length > 1 && value[1] is '/' or '\\')
            {
                return null;
            }

            var pageOrigin = PageOrigin(request, options) ?? own;
            return pageOrigin is not null && Uri.TryCreate(pageOrigin + value, UriKind.Absolute, out var resolved) && OriginOf(resolved) == pageOrigin
                ? resolved
                : null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !IsWebUrl(uri))
        {
            return null;
        }

        var origin = OriginOf(uri);
        return IsAllowed(origin, options) || string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? uri : null;
    }

    private static string? PageOrigin(HttpRequest request, IntakeOptions options)
    {
        var header = request.Headers.Origin;
        return header.Count == 1 && Uri.TryCreate(header[0], UriKind.Absolute, out var origin) && IsWebUrl(origin) && IsAllowed(OriginOf(origin), options)
            ? OriginOf(origin)
            : null;
    }

    private static string? OwnOrigin(HttpRequest request)
        => request.Host.HasValue && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var own) && IsWebUrl(own)
            ? OriginOf(own)
            : null;

    private static bool IsAllowed(string origin, IntakeOptions options)
        => options.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    private static bool IsWebUrl(Uri uri) => (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(uri.UserInfo);

    private static string OriginOf(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
