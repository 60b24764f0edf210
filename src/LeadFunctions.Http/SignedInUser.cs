using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace LeadFunctions.Http;

/// <summary>
/// Whether a request comes from a person signed in through App Service Authentication (Easy Auth with Entra ID): the
/// dashboard's data routes, anonymous at the Functions level, answer only then. The principal header is trusted only
/// where the platform says Easy Auth is on (WEBSITE_AUTH_ENABLED, an environment variable no caller can set), because
/// only then does the front end set it and strip any copy a client sent; anywhere else a client could write it.
/// Only the header's presence is read: who the person is never reaches a log.
/// </summary>
public sealed class SignedInUser
{
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    private readonly IConfiguration _configuration;

    public SignedInUser(IConfiguration configuration) => _configuration = configuration;

    public bool IsSignedIn(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return bool.TryParse(_configuration[AuthEnabledSetting], out var enabled) && enabled
            && request.Headers[PrincipalIdHeader] is { Count: 1 } id && !string.IsNullOrWhiteSpace(id[0]);
    }
}
