using LeadFunctions.TestSupport;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// The local host with one webhook subscriber: a receiver on 127.0.0.1, its own lead-events queue (the base's) and Deliveries
/// table, and a retry window shrunk to seconds so dead-lettering happens within a test.
/// </summary>
public sealed class WebhookApiFactory : ApiFactory
{
    public const string Secret = "whsec_api_tests_0123456789";

    public WebhookApiFactory()
    {
        Settings["LeadEvents:PollInterval"] = "00:00:00.100";
        Settings["LeadEvents:Timeout"] = "00:00:01";
        Settings["LeadEvents:Retry:InitialDelay"] = "00:00:00.100";
        Settings["LeadEvents:Retry:MaxDelay"] = "00:00:00.300";
        Settings["LeadEvents:Retry:Window"] = "00:00:05";
        Settings["LeadEvents:Retry:PassInterval"] = "00:00:00.100";

        // Shrunk with the retry window: the tests' failing receivers trip the circuit, and a retry must still come soon.
        Settings["LeadEvents:Circuit:OpenFor"] = "00:00:00.200";
        Settings["LeadStorage:DeliveriesTable"] = UniqueNames.Table("Deliveries");
        Settings["LeadEvents:Webhooks:0:Url"] = Receiver.Url;
        Settings["LeadEvents:Webhooks:0:Secret"] = Secret;
    }

    public WebhookReceiver Receiver { get; } = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Receiver.Dispose();
        }
    }
}
