using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http;

/// <summary>Local stand-in for Functions keys: x-functions-key header or ?code= must equal Api:Key (compared in constant time).</summary>
public sealed class ApiKeyFilter : IEndpointFilter
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";

    private readonly IOptionsMonitor<ApiOptions> _options;

    public ApiKeyFilter(IOptionsMonitor<ApiOptions> options) => _options = options;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return IsAuthorized(context.HttpContext.Request, _options.CurrentValue.Key) ? await next(context) : Problems.Unauthorized();
    }

    public static bool IsAuthorized(HttpRequest request, string? expected)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        var header = request.Headers[KeyHeader];
        var presented = header.Count == 1 ? header[0] : request.Query[KeyQuery] is { Count: 1 } code ? code[0] : null;
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hash both sides first so the comparison takes the same time whatever the lengths.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
