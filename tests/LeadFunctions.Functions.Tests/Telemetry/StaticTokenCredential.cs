using Azure.Core;

namespace LeadFunctions.Functions.Tests.Telemetry;

/// <summary>A token the recorder can recognise, in place of the managed identity's (which only Azure can issue).</summary>
public sealed class StaticTokenCredential : TokenCredential
{
    public const string Token = "test-entra-token";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => new(Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
