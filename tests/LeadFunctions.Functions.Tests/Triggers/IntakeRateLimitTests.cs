using LeadFunctions.Functions.Http;
using LeadFunctions.Functions.Tests.Support;
using LeadFunctions.Http.RateLimiting;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>
/// The intake limit as it holds in Azure: requests arrive through the App Service front end, which sets Client-IP to
/// the real client and appends that client to X-Forwarded-For. A bot that writes its own X-Forwarded-For (a new
/// address each time) is still counted as itself.
/// </summary>
public sealed class IntakeRateLimitTests : IDisposable
{
    private const string Bot = "203.0.113.66";
    private readonly FunctionsApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<int> SubmitAsync(int i, string clientIp, string forgedFirstHop)
    {
        var context = _app.Request("POST", "/api/forms/newsletter/submissions", $$"""{"email":"rate-{{i}}@example.org","submissionId":"rate-{{i}}"}""");
        context.Request.Headers[IntakeRateLimiter.AppServiceClientIpHeader] = clientIp + ":50123";
        context.Request.Headers[IntakeRateLimiter.ForwardedForHeader] = $"{forgedFirstHop}, {clientIp}:50123";
        return (await FunctionsApp.ExecuteAsync(context, await _app.Create<IntakeFunctions>().SubmitForm(context.Request, "newsletter"))).Status;
    }

    [Fact]
    public void The_functions_app_counts_clients_by_the_address_the_platform_vouches_for()
    {
        Assert.Equal(ClientAddressSource.AppServiceClientIp, _app.Options<IntakeRateLimitOptions>().EffectiveClientAddress);
    }

    [Fact]
    public async Task A_forged_forwarded_for_header_does_not_dodge_the_limit()
    {
        var permits = _app.Options<IntakeRateLimitOptions>().PermitLimit;
        var statuses = new List<int>();
        for (var i = 0; i <= permits; i++)
        {
            statuses.Add(await SubmitAsync(i, Bot, forgedFirstHop: $"198.51.100.{i}"));
        }

        Assert.All(statuses.Take(permits), status => Assert.Equal(202, status));
        Assert.Equal(429, statuses[^1]);

        // Someone else behind the same front end is not punished for the bot.
        Assert.Equal(202, await SubmitAsync(1000, "203.0.113.67", forgedFirstHop: "198.51.100.1"));
    }
}
