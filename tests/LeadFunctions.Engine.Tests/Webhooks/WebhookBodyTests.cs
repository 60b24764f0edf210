using System.Text;
using System.Text.Json;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Webhooks;

namespace LeadFunctions.Engine.Tests.Webhooks;

public sealed class WebhookBodyTests
{
    [Fact]
    public void Raw_body_is_the_event_json_without_the_person_by_default()
    {
        var leadEvent = SampleEvents.Assigned();

        var body = Encoding.UTF8.GetString(WebhookBody.For(new WebhookSubscriber { Url = "https://hooks.example.com/a" }, leadEvent));

        Assert.Equal(LeadEventJson.Write(leadEvent with { Person = null }), body);
        Assert.DoesNotContain("ann.buyer@example.com", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_body_carries_the_person_for_a_subscriber_that_gets_it()
    {
        var leadEvent = SampleEvents.Assigned();

        var body = Encoding.UTF8.GetString(WebhookBody.For(new WebhookSubscriber { Url = "https://crm.example.com/a", IncludePerson = true }, leadEvent));

        Assert.Equal(LeadEventJson.Write(leadEvent), body);
        Assert.Equal("ann.buyer@example.com", LeadEventJson.Read(body).Person!.Email);
    }

    [Fact]
    public void Chat_body_is_one_text_line_naming_rep_company_and_quadrant()
    {
        var subscriber = new WebhookSubscriber { Url = "https://hooks.slack.example/x", Format = "chat", IncludePerson = true };

        var body = JsonDocument.Parse(WebhookBody.For(subscriber, SampleEvents.Assigned())).RootElement;

        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal("New SQL for rep-ann: Acme Industries (Hot! Hot! Hot!), work it by Wed 14:00", body.GetProperty("text").GetString());
        Assert.Single(body.EnumerateObject());
    }

    [Fact]
    public void Chat_text_names_the_lead_by_id_when_the_subscriber_does_not_get_the_person()
    {
        var subscriber = new WebhookSubscriber { Url = "https://hooks.slack.example/x", Format = "chat" };

        var text = JsonDocument.Parse(WebhookBody.For(subscriber, SampleEvents.Assigned())).RootElement.GetProperty("text").GetString();

        Assert.Equal($"New SQL for rep-ann: {SampleEvents.LeadId} (Hot! Hot! Hot!), work it by Wed 14:00", text);
    }

    [Fact]
    public void Chat_text_for_a_status_without_an_sla_says_no_due_time()
    {
        var leadEvent = SampleEvents.Assigned();
        leadEvent = leadEvent with { To = leadEvent.To with { SlaDueAt = null } };

        var text = ChatText.Of(leadEvent);

        Assert.Equal("New SQL for rep-ann: Acme Industries (Hot! Hot! Hot!)", text);
    }

    [Fact]
    public void Subscribers_filter_by_event_type_and_take_all_when_they_name_none()
    {
        Assert.True(new WebhookSubscriber().Wants(Domain.Events.LeadEventType.Erased));
        var some = new WebhookSubscriber { Events = ["OwnerAssigned", "flagraised"] };
        Assert.True(some.Wants(Domain.Events.LeadEventType.OwnerAssigned));
        Assert.True(some.Wants(Domain.Events.LeadEventType.FlagRaised));
        Assert.False(some.Wants(Domain.Events.LeadEventType.StageChanged));
    }

    [Fact]
    public void A_subscriber_is_known_by_a_hash_of_its_url_never_the_url()
    {
        var subscriber = new WebhookSubscriber { Url = "https://hooks.slack.example/services/T0/B0/secret-token" };

        Assert.StartsWith("wh-", subscriber.Id, StringComparison.Ordinal);
        Assert.Equal(15, subscriber.Id.Length);
        Assert.DoesNotContain("secret", subscriber.Id, StringComparison.Ordinal);
        Assert.Equal(subscriber.Id, new WebhookSubscriber { Url = subscriber.Url, Format = "chat" }.Id);
    }
}
