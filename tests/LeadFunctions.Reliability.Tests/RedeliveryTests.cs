using System.Net;
using System.Net.Http.Json;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Reliability.Tests;

/// <summary>
/// At-least-once delivery: every command delivered three times, in shuffled order, through the same handler the queue
/// consumers call. Each is recorded once; the result equals applying the commands once each in first-delivery order.
/// </summary>
public sealed class RedeliveryTests : IDisposable
{
    private const int Leads = 6;
    private static readonly DateTimeOffset Base = DateTimeOffset.UtcNow.AddDays(-1);

    private readonly ReliabilityHost _host = new(new Dictionary<string, string?> { ["Intake:RateLimit:PermitLimit"] = "1000000" });

    [Fact]
    public async Task Commuting_commands_delivered_three_times_shuffled_end_where_in_order_delivery_ends()
    {
        // Activity points only add up, so any order gives the same score, interest and stage (20 + 96 crosses the SQL
        // threshold of 100 somewhere in the sequence, whichever command that is).
        static List<TransitionCommand> Commands(int lead) => [.. Enumerable.Range(0, 8).Select(i => new TransitionCommand(
            $"evt:act-{lead}-{i}", TransitionType.ActivityRecorded, Base.AddMinutes(i), "marketing-automation", null, new TransitionData { Points = 5 + (2 * i) }))];

        var random = new Random(7);
        var shuffledLeads = await NewLeadsAsync("whitepaper", Leads);
        var inOrderLeads = await NewLeadsAsync("whitepaper", Leads);
        await Task.WhenAll(Enumerable.Range(0, Leads).Select(i => DeliverAsync(shuffledLeads[i], ThreeTimesShuffled(Commands(i), new Random(random.Next())))));
        await Task.WhenAll(Enumerable.Range(0, Leads).Select(i => DeliverAsync(inOrderLeads[i], Commands(i))));

        for (var i = 0; i < Leads; i++)
        {
            var (shuffled, shuffledHistory) = await LoadAsync(shuffledLeads[i]);
            var (inOrder, _) = await LoadAsync(inOrderLeads[i]);
            Assert.Equal(9, shuffled.Version);
            Assert.Equal(9, shuffledHistory.Count);
            Assert.All(shuffledHistory, h => Assert.Equal(OutcomeKind.Applied, h.Outcome));
            Assert.Equal(
                (116, inOrder.Interest, inOrder.Stage, inOrder.Status, inOrder.Version),
                (shuffled.ActivityScore, shuffled.Interest, shuffled.Stage, shuffled.Status, shuffled.Version));
            Assert.Equal(LifecycleStage.SQL, shuffled.Stage);
        }
    }

    [Fact]
    public async Task Order_dependent_commands_delivered_three_times_shuffled_are_recorded_once_and_refusals_are_recorded()
    {
        // The sales path does not commute: DealWon before DealCreated is refused. Whatever the order, each command is
        // decided once (at its first delivery), refusals are in the history with a code, and the lead equals the state
        // machine run over the first deliveries in order.
        static List<TransitionCommand> Commands(int lead) =>
        [
            new($"evt:out-{lead}", TransitionType.FirstOutreachSent, Base.AddMinutes(1), "rep-1", null),
            new($"evt:con-{lead}", TransitionType.ContactMade, Base.AddMinutes(2), "rep-1", null),
            new($"evt:qua-{lead}", TransitionType.Qualified, Base.AddMinutes(3), "rep-1", null),
            new($"evt:mtg-{lead}", TransitionType.MeetingScheduled, Base.AddMinutes(4), "rep-1", null),
            new($"evt:deal-{lead}", TransitionType.DealCreated, Base.AddMinutes(5), "rep-1", null, new TransitionData { DealId = $"D-{lead}" }),
            new($"evt:won-{lead}", TransitionType.DealWon, Base.AddMinutes(6), "rep-1", null, new TransitionData { DealId = $"D-{lead}" }),
        ];

        var machine = _host.Services.GetRequiredService<StateMachine>();
        var random = new Random(11);
        var leads = await NewLeadsAsync("contact-us", Leads);
        var inOrderLeads = await NewLeadsAsync("contact-us", 1);
        await DeliverAsync(inOrderLeads[0], Commands(0));
        var (inOrder, inOrderHistory) = await LoadAsync(inOrderLeads[0]);
        Assert.All(inOrderHistory, h => Assert.Equal(OutcomeKind.Applied, h.Outcome));
        Assert.Equal(LeadStatus.CurrentCustomer, inOrder.Status);

        var deliveries = Enumerable.Range(0, Leads).Select(i => ThreeTimesShuffled(Commands(i), new Random(random.Next()))).ToList();
        var before = await Task.WhenAll(leads.Select(async id => (await LoadAsync(id)).Lead));
        await Task.WhenAll(Enumerable.Range(0, Leads).Select(i => DeliverAsync(leads[i], deliveries[i])));

        var refusals = 0;
        for (var i = 0; i < Leads; i++)
        {
            var (lead, history) = await LoadAsync(leads[i]);
            var commands = Commands(i);
            Assert.Equal(commands.Count + 1, lead.Version);
            Assert.Equal(commands.Count + 1, history.Count);
            Assert.Equal(Enumerable.Range(1, commands.Count + 1).Select(n => (long)n), history.Select(h => h.Sequence));
            Assert.Equal(commands.Select(c => c.CommandId).Append(history[0].CommandId).Order(StringComparer.Ordinal), history.Select(h => h.CommandId).Order(StringComparer.Ordinal));

            // The oracle: the state machine over the first delivery of each command, in that order.
            var expected = before[i];
            var expectedOutcomes = new Dictionary<string, (OutcomeKind, string?)>(StringComparer.Ordinal);
            foreach (var command in deliveries[i].DistinctBy(c => c.CommandId))
            {
                var result = machine.Apply(leads[i], expected, command, DateTimeOffset.UtcNow);
                expected = result.Lead;
                expectedOutcomes[command.CommandId] = (result.Audit.Outcome, result.Audit.RejectionCode);
            }

            Assert.Equal((expected.Stage, expected.Status, expected.Version), (lead.Stage, lead.Status, lead.Version));
            foreach (var audit in history.Skip(1))
            {
                Assert.Equal(expectedOutcomes[audit.CommandId], (audit.Outcome, audit.RejectionCode));
                if (audit.Outcome == OutcomeKind.Rejected)
                {
                    Assert.False(string.IsNullOrEmpty(audit.RejectionCode));
                    refusals++;
                }
            }
        }

        // The seed makes some orders refuse something; with every command in order nothing is refused (checked above).
        Assert.True(refusals > 0);
    }

    public void Dispose() => _host.Dispose();

    private static List<TransitionCommand> ThreeTimesShuffled(List<TransitionCommand> commands, Random random)
        => [.. commands.Concat(commands).Concat(commands).OrderBy(_ => random.Next())];

    private async Task DeliverAsync(string leadId, IEnumerable<TransitionCommand> commands)
    {
        var handler = _host.Services.GetRequiredService<TransitionMessageHandler>();
        foreach (var command in commands)
        {
            var handled = await handler.HandleAsync(TransitionJson.Serialize(new TransitionEnvelope(leadId, command)), CancellationToken.None);
            Assert.Equal(MessageSettlement.Complete, handled.Settlement);
        }
    }

    private async Task<(Lead Lead, IReadOnlyList<AuditRecord> History)> LoadAsync(string leadId)
    {
        var store = _host.Services.GetRequiredService<ILeadStore>();
        return ((await store.GetAsync(leadId, CancellationToken.None))!.Lead, await store.GetHistoryAsync(leadId, CancellationToken.None));
    }

    private async Task<string[]> NewLeadsAsync(string form, int count)
    {
        var client = _host.Anonymous(peer: "203.0.113.2");
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            var response = await client.PostAsJsonAsync($"/api/forms/{form}/submissions", new
            {
                email = $"redeliver-{Guid.NewGuid():N}@example.com", firstName = "Re", company = "Acme", country = "FR", employees = 250, jobTitle = "Head of IT",
            });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<Accepted>())!.LeadId;
        }));
    }

    private sealed record Accepted(string SubmissionId, string LeadId);
}
