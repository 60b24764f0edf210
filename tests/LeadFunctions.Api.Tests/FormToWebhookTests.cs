using System.Net;
using LeadFunctions.Engine.Events;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// The whole outbound path on the local host, nothing put on a queue by hand: a form post is stored with its events,
/// the relay publishes them to the local lead-events queue, and the subscriber receives them signed, in order.
/// </summary>
public sealed class FormToWebhookTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task A_hand_raise_reaches_the_subscriber_as_lead_created_then_owner_assigned_signed_and_without_the_person()
    {
        factory.Receiver.Answer = _ => 200;
        var email = Api.Email();
        var response = await factory.Keyed().SubmitJsonAsync("pricing", new { email, company = "Acme", country = "US", employees = 300, jobTitle = "VP Sales" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = (await response.JsonAsync()).GetProperty("leadId").GetString()!;

        await factory.Receiver.WaitForAsync(r => r.Accepted.Count(w => w.Text.Contains(leadId, StringComparison.Ordinal)) >= 2, TimeSpan.FromSeconds(30));

        var mine = factory.Receiver.Accepted.Where(w => w.Text.Contains(leadId, StringComparison.Ordinal)).ToList();
        var events = mine.Select(w => LeadEventJson.Read(w.Text)).ToList();
        Assert.Equal(["LeadCreated", "OwnerAssigned"], events.Take(2).Select(e => e.Type.ToString()));
        Assert.Equal([1L, 2L], events.Take(2).Select(e => e.Sequence));
        Assert.Equal(events[1].To.Owner, events[1].Assignment!.Rep);
        Assert.All(mine, w => Assert.True(WebhookSignature.Verify(w.Body, w.Header(WebhookSignature.Header), WebhookApiFactory.Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));
        Assert.All(mine, w => Assert.Equal(LeadEventJson.Read(w.Text).EventId, w.Header(WebhookSignature.EventIdHeader)));
        Assert.All(mine, w => Assert.DoesNotContain(email, w.Text, StringComparison.Ordinal));
    }
}
