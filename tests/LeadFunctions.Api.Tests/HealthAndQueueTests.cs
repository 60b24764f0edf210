using System.Net;
using System.Text;
using System.Text.Json;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Api.Tests;

public sealed class HealthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_is_200_when_storage_answers()
    {
        var response = await factory.Anonymous().GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class UnreachableStorageTests(UnreachableStorageFactory factory) : IClassFixture<UnreachableStorageFactory>
{
    [Fact]
    public async Task Health_is_503_when_storage_does_not_answer()
    {
        var response = await factory.Anonymous().GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Submissions_and_reads_are_503_with_retry_after()
    {
        var submit = await factory.Anonymous().SubmitJsonAsync("contact-us", new { email = Api.Email() });
        var read = await factory.Keyed().GetAsync($"/api/leads/{factory.LeadIdFor(Api.Email())}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, submit.StatusCode);
        Assert.NotNull(submit.Headers.RetryAfter);
        Assert.Equal("application/problem+json", submit.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
    }
}

public sealed class QueueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_unreadable_message_goes_to_the_poison_queue_with_its_reason()
    {
        _ = factory.Services; // Starts the host and its queue worker.
        await factory.Queue.CreateIfNotExistsAsync();
        await factory.Queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("{not json")));

        var poison = await WaitForPoisonAsync(m => m.GetProperty("body").GetString() == Convert.ToBase64String(Encoding.UTF8.GetBytes("{not json")));
        Assert.StartsWith("Unreadable message body", poison.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_is_poisoned_too()
    {
        _ = factory.Services;
        await factory.Queue.CreateIfNotExistsAsync();
        await factory.Queue.SendMessageAsync("definitely not base64 !!");

        var poison = await WaitForPoisonAsync(m => m.GetProperty("body").GetString() == "definitely not base64 !!");
        Assert.Contains("base64", poison.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_for_no_lead_is_poisoned_as_unknown_lead()
    {
        _ = factory.Services;
        await factory.Queue.CreateIfNotExistsAsync();
        var leadId = factory.LeadIdFor(Api.Email());
        var envelope = new TransitionEnvelope(leadId, new TransitionCommand("evt:ghost-1", TransitionType.ContactMade, DateTimeOffset.UtcNow, "rep-1"));
        var body = Convert.ToBase64String(TransitionJson.Serialize(envelope));
        await factory.Queue.SendMessageAsync(body);

        var poison = await WaitForPoisonAsync(m => m.GetProperty("body").GetString() == body);
        Assert.Equal("unknown-lead", poison.GetProperty("reason").GetString());
    }

    private Task<JsonElement> WaitForPoisonAsync(Func<JsonElement, bool> match) => Poison.WaitAsync(factory, match);
}

public sealed class TransientFailureTests(TablesDownFactory factory) : IClassFixture<TablesDownFactory>
{
    [Fact]
    public async Task A_message_that_keeps_failing_is_poisoned_after_max_attempts_with_the_last_error()
    {
        _ = factory.Services;
        await factory.Queue.CreateIfNotExistsAsync();
        var envelope = new TransitionEnvelope(factory.LeadIdFor(Api.Email()), new TransitionCommand("evt:retry-1", TransitionType.ContactMade, DateTimeOffset.UtcNow, "rep-1"));
        var body = Convert.ToBase64String(TransitionJson.Serialize(envelope));
        await factory.Queue.SendMessageAsync(body);

        var poison = await Poison.WaitAsync(factory, m => m.GetProperty("body").GetString() == body);
        Assert.Equal(3, poison.GetProperty("dequeueCount").GetInt32());
        Assert.Contains("StoreUnavailableException", poison.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}

internal static class Poison
{
    public static async Task<JsonElement> WaitAsync(ApiFactory factory, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var poison = factory.PoisonQueue;
        while (true)
        {
            if (await poison.ExistsAsync(timeout.Token))
            {
                foreach (var message in (await poison.PeekMessagesAsync(32, timeout.Token)).Value)
                {
                    var parsed = JsonDocument.Parse(message.MessageText).RootElement.Clone();
                    if (match(parsed))
                    {
                        return parsed;
                    }
                }
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}

public sealed class SampleSiteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_sample_form_is_served_at_the_root()
    {
        var response = await factory.Anonymous().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"lead-form\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
