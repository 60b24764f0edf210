using Azure.Core;
using Azure.Identity;

namespace LeadFunctions.Functions.Hosting;

/// <summary>
/// Reads the Entra ID ingestion setting the Functions host itself reads (APPLICATIONINSIGHTS_AUTHENTICATION_STRING,
/// <c>ClientId=&lt;id&gt;;Authorization=AAD</c>), so the worker's exporter authenticates as the same identity:
/// the Application Insights component has local (instrumentation key) auth off.
/// </summary>
public static class AzureMonitorCredential
{
    public const string Setting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Null when the setting is absent: the connection string's key alone (a local or keyed component).</summary>
    public static TokenCredential? From(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        return ClientId(authenticationString) is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    /// <summary>The user-assigned identity's client id, or null for the system-assigned identity.</summary>
    public static string? ClientId(string authenticationString)
    {
        ArgumentNullException.ThrowIfNull(authenticationString);
        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Setting} must say Authorization=AAD: Entra ID is the only ingestion auth besides the key the component turns off.");
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0 ? clientId : null;
    }
}
