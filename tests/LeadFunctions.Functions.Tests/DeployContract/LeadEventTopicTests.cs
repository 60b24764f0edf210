using System.Text.Json.Nodes;
using LeadFunctions.Functions.LeadEvents;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>
/// The lead-events topic as infra deploys it matches what the app relies on: the names the publisher and the webhook
/// consumer use, duplicate detection (republished events share their id), sessions on each subscription (one lead's
/// events in order), and roles no wider than Sender on the topic and Receiver on each subscription.
/// </summary>
public sealed class LeadEventTopicTests
{
    private static readonly Lazy<JsonObject> Main = new(
        () => JsonNode.Parse(BicepCli.Build(Path.Combine(RepositoryRoot.Path, "infra", "main.bicep")))!.AsObject());

    [Fact]
    public void Infra_names_the_topic_and_subscription_the_app_uses()
    {
        var variables = Main.Value["variables"]!;

        Assert.Equal(LeadEventTopic.Name, variables["leadEventsTopicName"]!.GetValue<string>());
        Assert.Contains(LeadEventTopic.WebhooksSubscription, variables["leadEventsSubscriptionNames"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void The_topic_drops_duplicate_event_ids_and_its_subscriptions_keep_each_lead_in_order()
    {
        var resources = Module("serviceBus")["resources"]!.AsObject();
        var topic = resources.Single(r => Type(r.Value) == "Microsoft.ServiceBus/namespaces/topics").Value!["properties"]!;
        var subscription = resources.Single(r => Type(r.Value) == "Microsoft.ServiceBus/namespaces/topics/subscriptions").Value!["properties"]!;

        Assert.True(topic["requiresDuplicateDetection"]!.GetValue<bool>());
        Assert.NotNull(topic["duplicateDetectionHistoryTimeWindow"]);
        Assert.True(subscription["requiresSession"]!.GetValue<bool>());
        Assert.True(subscription["deadLetteringOnMessageExpiration"]!.GetValue<bool>());
    }

    [Fact]
    public void The_app_may_send_to_the_topic_and_receive_from_its_subscriptions_only()
    {
        var roles = Module("roles");
        var resources = roles["resources"]!.AsObject();
        var variables = roles["variables"]!;

        Assert.Contains("Microsoft.ServiceBus/namespaces/topics'", resources["topicRoles"]!["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.ServiceBus/namespaces/topics/subscriptions'", resources["subscriptionRoles"]!["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        var topicGrants = variables["topicAssignments"]!.GetValue<string>();
        var subscriptionGrants = variables["subscriptionAssignments"]!.GetValue<string>();
        Assert.Contains("serviceBusDataSender", topicGrants, StringComparison.Ordinal);
        Assert.DoesNotContain("serviceBusDataReceiver", topicGrants, StringComparison.Ordinal);
        Assert.Contains("serviceBusDataReceiver", subscriptionGrants, StringComparison.Ordinal);
        Assert.DoesNotContain("serviceBusDataSender", subscriptionGrants, StringComparison.Ordinal);
    }

    private static JsonObject Module(string name) => Main.Value["resources"]![name]!["properties"]!["template"]!.AsObject();

    private static string? Type(JsonNode? resource) => resource?["type"]?.GetValue<string>();
}
