using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Webhooks;
using LeadFunctions.Storage.Deliveries;
using LeadFunctions.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Storage.Tests;

/// <summary>The Deliveries table on Azurite: a lead's line in sequence order, the retry pass's work, paging by state.</summary>
public sealed class DeliveryStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services;

    public DeliveryStoreTests()
    {
        var settings = new Dictionary<string, string?>
        {
            ["LeadStorage:ConnectionString"] = AzuriteServer.Shared.ConnectionString,
            ["LeadStorage:LeadsTable"] = UniqueNames.Table("Leads"),
            ["LeadStorage:DeliveriesTable"] = UniqueNames.Table("Deliveries"),
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddLeadTableStorage();
        services.AddTableWebhookDeliveries();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private IWebhookDeliveryStore Store => _services.GetRequiredService<IWebhookDeliveryStore>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_leads_line_reads_back_whole_in_sequence_order_and_an_event_is_recorded_once()
    {
        foreach (var sequence in new long[] { 10, 2, 1 })
        {
            Assert.True(await Store.TryAddAsync(Delivery("wh-a", "ld-1", sequence, DeliveryState.Queued), CancellationToken.None));
        }

        Assert.False(await Store.TryAddAsync(Delivery("wh-a", "ld-1", 2, DeliveryState.Pending), CancellationToken.None));
        await Store.TryAddAsync(Delivery("wh-b", "ld-1", 3, DeliveryState.Queued), CancellationToken.None);

        var line = await Store.ListLeadAsync("wh-a", "ld-1", CancellationToken.None);

        Assert.Equal([1L, 2L, 10L], line.Select(d => d.Sequence));
        Assert.Equal(Delivery("wh-a", "ld-1", 1, DeliveryState.Queued), line[0]);
    }

    [Fact]
    public async Task How_far_a_leads_events_were_taken_in_is_kept_per_lead_and_never_listed_as_a_delivery()
    {
        Assert.Equal(0, await Store.HighestHandledAsync("ld-1", CancellationToken.None));

        await Store.RecordHandledAsync("ld-1", 3, CancellationToken.None);
        await Store.RecordHandledAsync("ld-1", 4, CancellationToken.None);
        await Store.RecordHandledAsync("ld-2", 1, CancellationToken.None);

        Assert.Equal(4, await Store.HighestHandledAsync("ld-1", CancellationToken.None));
        Assert.Equal(1, await Store.HighestHandledAsync("ld-2", CancellationToken.None));
        foreach (var state in Enum.GetValues<DeliveryState>())
        {
            Assert.Empty((await Store.ListByStateAsync(state, 100, null, CancellationToken.None)).Deliveries);
        }

        Assert.Empty(await Store.ListDueAsync(Now.AddYears(1), 100, CancellationToken.None));
    }

    [Fact]
    public async Task A_leads_first_mark_is_claimed_once_and_never_overwritten_by_a_second_claim()
    {
        Assert.True(await Store.TryAddHandledAsync("ld-first", 2, CancellationToken.None));
        await Store.RecordHandledAsync("ld-first", 5, CancellationToken.None);

        Assert.False(await Store.TryAddHandledAsync("ld-first", 2, CancellationToken.None));
        Assert.Equal(5, await Store.HighestHandledAsync("ld-first", CancellationToken.None));
    }

    [Fact]
    public async Task The_retry_pass_sees_due_pending_deliveries_but_not_queued_dead_or_later_ones()
    {
        await Store.TryAddAsync(Delivery("wh-a", "ld-1", 1, DeliveryState.Pending, Now.AddSeconds(-1)), CancellationToken.None);
        await Store.TryAddAsync(Delivery("wh-a", "ld-2", 1, DeliveryState.Pending, Now.AddMinutes(5)), CancellationToken.None);
        await Store.TryAddAsync(Delivery("wh-a", "ld-3", 1, DeliveryState.Queued), CancellationToken.None);
        await Store.TryAddAsync(Delivery("wh-a", "ld-4", 1, DeliveryState.Dead), CancellationToken.None);

        var due = await Store.ListDueAsync(Now, 100, CancellationToken.None);

        Assert.Equal(["ld-1"], due.Select(d => d.LeadId));
    }

    [Fact]
    public async Task Deliveries_by_state_page_with_a_continuation_token_and_saves_and_deletes_stick()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.TryAddAsync(Delivery("wh-a", $"ld-{i}", 1, DeliveryState.Dead), CancellationToken.None);
        }

        var first = await Store.ListByStateAsync(DeliveryState.Dead, 3, null, CancellationToken.None);
        Assert.Equal(3, first.Deliveries.Count);
        Assert.NotNull(first.ContinuationToken);
        var second = await Store.ListByStateAsync(DeliveryState.Dead, 3, first.ContinuationToken, CancellationToken.None);
        Assert.Equal(2, second.Deliveries.Count);
        Assert.Empty(first.Deliveries.Select(d => d.LeadId).Intersect(second.Deliveries.Select(d => d.LeadId)));

        var revived = first.Deliveries[0] with { State = DeliveryState.Pending, NextAttemptAt = Now, Attempts = 0 };
        await Store.SaveAsync(revived, CancellationToken.None);
        await Store.DeleteAsync(first.Deliveries[1], CancellationToken.None);

        Assert.Equal(revived, await Store.GetAsync("wh-a", revived.LeadId, 1, CancellationToken.None));
        Assert.Null(await Store.GetAsync("wh-a", first.Deliveries[1].LeadId, 1, CancellationToken.None));
        Assert.Equal(3, (await Store.ListByStateAsync(DeliveryState.Dead, 10, null, CancellationToken.None)).Deliveries.Count);
    }

    private static WebhookDelivery Delivery(string subscriberId, string leadId, long sequence, DeliveryState state, DateTimeOffset? next = null)
        => new(subscriberId, leadId, sequence, LeadEventType.StatusChanged, state, state == DeliveryState.Queued ? 0 : 2, Now, Now,
            state == DeliveryState.Pending ? next ?? Now : null, state == DeliveryState.Queued ? null : "HTTP 500", "{\"eventId\":\"" + leadId + ":" + sequence + "\"}");
}
