using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LeadFunctions.Http.Dashboard;

/// <summary>One embedded file of the dashboard, written with headers that keep the page to its own origin.</summary>
public sealed class DashboardFile : IResult
{
    // Scripts, styles and data only from this origin: no inline script, no CDN, no framing.
    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly byte[] _content;
    private readonly string _contentType;
    private readonly string _etag;

    public DashboardFile(byte[] content, string contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
        _contentType = contentType;
        _etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";

        // Revalidated every time: a deploy changes the bytes under the same name.
        response.Headers[HeaderNames.CacheControl] = "no-cache";
        response.Headers[HeaderNames.ETag] = _etag;
        if (httpContext.Request.Headers[HeaderNames.IfNoneMatch] == _etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = _contentType;
        response.ContentLength = _content.Length;
        await response.Body.WriteAsync(_content, httpContext.RequestAborted);
    }
}
