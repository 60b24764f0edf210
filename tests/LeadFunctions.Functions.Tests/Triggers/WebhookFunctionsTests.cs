using System.Text;
using System.Text.Json;
using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Engine.Events;
using LeadFunctions.Functions.Http;
using LeadFunctions.Functions.Tests.Support;
using LeadFunctions.Functions.Webhooks;
using LeadFunctions.TestSupport;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>
/// The webhook functions called as the worker calls them, over the app's own registration: the topic-subscription
/// trigger settles by hand, the retry timer sends what failed, the admin HTTP functions answer as the local host does.
/// </summary>
public sealed class WebhookFunctionsTests : IDisposable
{
    private const string Secret = "whsec_functions_tests_0123";
    private readonly WebhookReceiver _receiver = new();
    private readonly MessageActions _actions = new();
    private readonly FunctionsApp _app;

    public WebhookFunctionsTests()
    {
        _app = new FunctionsApp(new Dictionary<string, string?>
        {
            ["LeadStorage:DeliveriesTable"] = UniqueNames.Table("Deliveries"),
            ["LeadEvents:Timeout"] = "00:00:02",
            ["LeadEvents:Webhooks:0:Url"] = _receiver.Url,
            ["LeadEvents:Webhooks:0:Secret"] = Secret,
        });
    }

    public void Dispose()
    {
        _app.Dispose();
        _receiver.Dispose();
    }

    [Fact]
    public async Task A_lead_event_is_posted_signed_and_its_message_completed()
    {
        var leadEvent = Event(1);

        await DeliverAsync(leadEvent);

        Assert.Equal([new Settlement(leadEvent.EventId, "complete", null)], _actions.Settlements);
        var received = Assert.Single(_receiver.Received);
        Assert.True(WebhookSignature.Verify(received.Body, received.Header(WebhookSignature.Header), Secret, _app.Time.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_message_that_is_not_a_lead_event_is_dead_lettered()
    {
        await _app.Create<WebhookDeliveryFunction>().DeliverWebhooks(
            MessageActions.Message(Encoding.UTF8.GetBytes("[1, 2]"), "poison"), _actions.Actions, CancellationToken.None);

        Assert.Equal("dead-letter", Assert.Single(_actions.Settlements).Kind);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_failed_post_is_completed_listed_as_pending_and_sent_by_the_retry_timer()
    {
        _receiver.Answer = n => n == 0 ? 502 : 200;
        var leadEvent = Event(1);

        await DeliverAsync(leadEvent);
        Assert.Equal("complete", Assert.Single(_actions.Settlements).Kind);

        var context = _app.Request("GET", "/api/admin/deliveries", query: "?state=pending");
        var (status, body) = await FunctionsApp.ExecuteAsync(context, await _app.Create<DeliveryFunctions>().ListDeliveries(context.Request));
        Assert.Equal(200, status);
        var item = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(leadEvent.EventId, item.GetProperty("eventId").GetString());
        Assert.Equal("HTTP 502", item.GetProperty("lastError").GetString());

        _app.Time.Advance(TimeSpan.FromSeconds(10));
        await _app.Create<WebhookRetryFunction>().RetryWebhooks(new TimerInfo(), CancellationToken.None);

        Assert.Equal([502, 200], _receiver.Received.Select(r => r.Status));
        var redeliver = _app.Request("POST", $"/api/admin/deliveries/{item.GetProperty("deliveryId").GetString()}/redeliver");
        var (gone, _) = await FunctionsApp.ExecuteAsync(redeliver, await _app.Create<DeliveryFunctions>().RedeliverDelivery(redeliver.Request, item.GetProperty("deliveryId").GetString()!));
        Assert.Equal(404, gone);
    }

    private Task DeliverAsync(LeadEvent leadEvent) => _app.Create<WebhookDeliveryFunction>().DeliverWebhooks(
        MessageActions.Message(Encoding.UTF8.GetBytes(LeadEventJson.Write(leadEvent)), leadEvent.EventId, leadEvent.LeadId), _actions.Actions, CancellationToken.None);

    private LeadEvent Event(long sequence)
    {
        var leadId = "ld-" + Guid.NewGuid().ToString("N")[..24];
        return new LeadEvent(
            LeadEvent.IdOf(leadId, sequence), LeadEventType.LeadCreated, leadId, sequence, _app.Time.GetUtcNow(), _app.Time.GetUtcNow(), "intake", null, "cmd-1",
            null, new LeadPlacement(LifecycleStage.SQL, null, LeadStatus.New, null, null, Team.Sales, null), Quadrant.HighInterestGoodFit, null);
    }
}
