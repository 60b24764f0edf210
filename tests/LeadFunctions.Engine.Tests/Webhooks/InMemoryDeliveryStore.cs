using System.Collections.Concurrent;
using LeadFunctions.Engine.Webhooks;

namespace LeadFunctions.Engine.Tests.Webhooks;

/// <summary>The delivery store's contract in memory, for handler tests; the table store has its own tests against Azurite.</summary>
internal sealed class InMemoryDeliveryStore : IWebhookDeliveryStore
{
    private readonly ConcurrentDictionary<(string, string, long), WebhookDelivery> _rows = new();
    private readonly ConcurrentDictionary<string, long> _handled = new();

    private int _reads;

    public IReadOnlyList<WebhookDelivery> All => [.. _rows.Values.OrderBy(d => d.Sequence)];

    /// <summary>How many times a lead's line or its handled mark was read: each is a storage round trip in a real store.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public Task<IReadOnlyList<WebhookDelivery>> ListLeadAsync(string subscriberId, string leadId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. _rows.Values.Where(d => d.SubscriberId == subscriberId && d.LeadId == leadId).OrderBy(d => d.Sequence)]);
    }

    public Task<WebhookDelivery?> GetAsync(string subscriberId, string leadId, long sequence, CancellationToken cancellationToken)
        => Task.FromResult(_rows.GetValueOrDefault((subscriberId, leadId, sequence)));

    public Task<bool> TryAddAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
        => Task.FromResult(_rows.TryAdd(Key(delivery), delivery));

    public Task SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        _rows[Key(delivery)] = delivery;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        _rows.TryRemove(Key(delivery), out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WebhookDelivery>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. _rows.Values.Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now).Take(max)]);

    public Task<long> HighestHandledAsync(string leadId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(_handled.GetValueOrDefault(leadId));
    }

    public Task<bool> TryAddHandledAsync(string leadId, long sequence, CancellationToken cancellationToken)
        => Task.FromResult(_handled.TryAdd(leadId, sequence));

    public Task RecordHandledAsync(string leadId, long sequence, CancellationToken cancellationToken)
    {
        _handled[leadId] = sequence;
        return Task.CompletedTask;
    }

    /// <summary>Pages by position, the token being the offset, so the pass's queued scan is exercised across pages.</summary>
    public Task<DeliveryPage> ListByStateAsync(DeliveryState state, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var all = _rows.Values.Where(d => d.State == state).OrderBy(d => d.LeadId, StringComparer.Ordinal).ThenBy(d => d.Sequence).ToList();
        var offset = continuationToken is null ? 0 : int.Parse(continuationToken, System.Globalization.CultureInfo.InvariantCulture);
        var next = offset + pageSize < all.Count ? (offset + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new DeliveryPage([.. all.Skip(offset).Take(pageSize)], next));
    }

    private static (string, string, long) Key(WebhookDelivery d) => (d.SubscriberId, d.LeadId, d.Sequence);
}
