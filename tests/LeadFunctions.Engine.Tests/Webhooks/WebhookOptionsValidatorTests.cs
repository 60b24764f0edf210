using LeadFunctions.Engine.Webhooks;

namespace LeadFunctions.Engine.Tests.Webhooks;

public sealed class WebhookOptionsValidatorTests
{
    private const string Secret = "whsec_0123456789abcdef";
    private const string Url = "https://hooks.example.com/leads?token=do-not-log";

    [Fact]
    public void A_well_formed_list_passes()
    {
        var options = new WebhookOptions
        {
            Webhooks =
            [
                new WebhookSubscriber { Url = Url, Secret = Secret },
                new WebhookSubscriber { Url = "http://127.0.0.1:8080/x", Secret = Secret, Events = ["OwnerAssigned"], Format = "chat", IncludePerson = true },
            ],
        };

        Assert.True(new WebhookOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("not a url", Secret, "raw", null, "Webhooks:0:Url")]
    [InlineData("ftp://files.example.com/x", Secret, "raw", null, "Webhooks:0:Url")]
    [InlineData("/relative/path", Secret, "raw", null, "Webhooks:0:Url")]
    [InlineData(Url, "short-secret", "raw", null, "Webhooks:0:Secret")]
    [InlineData(Url, Secret, "xml", null, "Webhooks:0:Format")]
    [InlineData(Url, Secret, "raw", "LeadWon", "Webhooks:0:Events")]
    [InlineData(Url, Secret, "raw", "3", "Webhooks:0:Events")]
    public void A_subscriber_that_could_only_fail_later_stops_the_start(string url, string secret, string format, string? eventName, string path)
    {
        var subscriber = new WebhookSubscriber { Url = url, Secret = secret, Format = format, Events = eventName is null ? [] : [eventName] };

        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { Webhooks = [subscriber] });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains("LeadEvents:" + path, message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-log", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_url_twice_is_refused()
    {
        var options = new WebhookOptions { Webhooks = [new() { Url = Url, Secret = Secret }, new() { Url = Url, Secret = Secret }] };

        Assert.Contains("Webhooks:1:Url", Assert.Single(new WebhookOptionsValidator().Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_settings_that_make_no_sense_are_refused()
    {
        var options = new WebhookOptions { Retry = new WebhookRetryOptions { InitialDelay = TimeSpan.FromMinutes(5), MaxDelay = TimeSpan.FromMinutes(1) } };

        Assert.True(new WebhookOptionsValidator().Validate(null, options).Failed);
    }
}
