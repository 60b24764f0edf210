using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Storage.Queues;

namespace LeadFunctions.Storage.Tests;

/// <summary>Imports on Azurite: rows stored in chunks with a message each before the id is given, progress summed from per-chunk results.</summary>
public sealed class ImportStoreTests : IDisposable
{
    private readonly StorageHarness _harness = new();

    private IImportStore Store => _harness.Get<IImportStore>();

    private static List<ImportRow> Rows(int count, string prefix)
        => [.. Enumerable.Range(1, count).Select(n => new ImportRow(n, new Dictionary<string, string?> { ["email"] = $"{prefix}{n}@acme-corp.com", ["company"] = "Acme" }))];

    private async Task<int> DrainAsync()
    {
        var worker = _harness.Get<StorageQueueImportWorker>();
        var total = 0;
        int received;
        while ((received = await worker.ProcessBatchAsync(CancellationToken.None)) > 0)
        {
            total += received;
        }

        return total;
    }

    [Fact]
    public async Task An_accepted_import_is_stored_in_chunks_with_one_queued_message_each()
    {
        var importId = await _harness.Get<ImportSubmitter>().StartAsync(ImportSource.PurchasedList, Rows(250, "s"), CancellationToken.None);

        var progress = await Store.GetProgressAsync(importId, CancellationToken.None);
        var last = await Store.GetChunkAsync(importId, 2, CancellationToken.None);
        var queue = _harness.Get<ImportQueues>().Main;
        var properties = await queue.GetPropertiesAsync();

        Assert.Equal((ImportState.Queued, 250, 0), (progress!.State, progress.Total, progress.Done));
        Assert.Equal((ImportSource.PurchasedList, 50, 201), (last!.Source, last.Rows.Count, last.Rows[0].Row));
        Assert.Equal("s201@acme-corp.com", last.Rows[0].Fields!["email"]);
        Assert.Equal(3, properties.Value.ApproximateMessagesCount);
        Assert.Null(await Store.GetChunkAsync(importId, 3, CancellationToken.None));
    }

    [Fact]
    public async Task The_consumer_applies_every_chunk_the_counts_add_up_and_no_row_is_kept()
    {
        var rows = Rows(150, "c");
        rows[10] = new ImportRow(11, new Dictionary<string, string?> { ["email"] = "broken" });
        var importId = await _harness.Get<ImportSubmitter>().StartAsync(ImportSource.Research, rows, CancellationToken.None);

        Assert.Equal(2, await DrainAsync());
        var progress = await Store.GetProgressAsync(importId, CancellationToken.None);

        Assert.Equal((ImportState.Completed, 150, 149, 0, 0), (progress!.State, progress.Done, progress.Created, progress.Updated, progress.Unchanged));
        Assert.Equal([(11, "email")], progress.Errors.Select(e => (e.Row, e.Field)));
        Assert.NotNull(await _harness.Store.GetAsync(_harness.Get<Engine.Identity.LeadIdentity>().LeadIdFor("c1@acme-corp.com"), CancellationToken.None));
        Assert.Null(await Store.GetChunkAsync(importId, 0, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_imported_again_costs_each_row_one_read_and_no_write()
    {
        var rows = Rows(150, "again");
        await _harness.Get<ImportSubmitter>().StartAsync(ImportSource.PurchasedList, rows, CancellationToken.None);
        await DrainAsync();
        var again = await _harness.Get<ImportSubmitter>().StartAsync(ImportSource.PurchasedList, rows, CancellationToken.None);
        _harness.Requests.Reset();

        Assert.Equal(2, await DrainAsync());
        var requests = _harness.Requests.Count;
        var progress = await Store.GetProgressAsync(again, CancellationToken.None);

        Assert.Equal((ImportState.Completed, 0, 0, 150), (progress!.State, progress.Created, progress.Updated, progress.Unchanged));
        // Per chunk: is it done, its rows, its result; per row: the look-up of its command, which finds it. No row tries a
        // write to be refused (nor reads its lead), as a row guessed to be a new person would.
        const int PerChunk = 3;
        Assert.Equal(150 + (2 * PerChunk), requests);
        var lead = await _harness.Store.GetAsync(_harness.Get<Engine.Identity.LeadIdentity>().LeadIdFor("again1@acme-corp.com"), CancellationToken.None);
        Assert.Equal(1, lead!.Lead.Version);
    }

    [Fact]
    public void The_local_consumer_applies_every_chunk_of_a_receive_side_by_side()
    {
        var options = _harness.Get<StorageQueueImportWorker>().Options;

        // Routed rows wait for their team's rotation together: the more chunks in flight, the larger its groups.
        Assert.Equal((32, 32), (options.BatchSize, options.Parallelism));
    }

    [Fact]
    public async Task A_redelivered_chunk_whose_result_is_written_does_nothing()
    {
        var importId = await _harness.Get<ImportSubmitter>().StartAsync(ImportSource.PurchasedList, Rows(3, "r"), CancellationToken.None);
        await DrainAsync();
        _harness.Requests.Reset();

        var handling = await _harness.Get<ImportChunkHandler>().HandleAsync(ImportJson.Serialize(new ChunkMessage(importId, 0)), CancellationToken.None);

        Assert.Equal(Engine.Transitions.MessageSettlement.Complete, handling.Settlement);
        Assert.Equal(1, _harness.Requests.Count);
        Assert.Equal(3, (await Store.GetProgressAsync(importId, CancellationToken.None))!.Created);
    }

    [Fact]
    public async Task Results_written_side_by_side_are_all_counted()
    {
        var header = new ImportHeader(ImportIds.New(), ImportSource.Customers, 4000, 40, _harness.Clock.GetUtcNow());
        await Store.SaveAsync(header, [.. Enumerable.Range(0, 40).Select(i => new ImportChunk(header.ImportId, i, header.Source, Rows(1, "p" + i)))], CancellationToken.None);

        await Parallel.ForEachAsync(Enumerable.Range(0, 40), async (index, token) =>
            await Store.SaveResultAsync(header.ImportId, new ChunkResult(index, 100, 60, 30, 9, [new ImportError((index * 100) + 1, "email", "Required.")]), token));
        var progress = await Store.GetProgressAsync(header.ImportId, CancellationToken.None);

        Assert.Equal((ImportState.Completed, 4000, 2400, 1200, 360, 40), (progress!.State, progress.Done, progress.Created, progress.Updated, progress.Unchanged, progress.Errors.Count));
        Assert.Equal(progress.Errors.Select(e => e.Row).Order(), progress.Errors.Select(e => e.Row));
    }

    [Fact]
    public async Task An_unknown_import_has_no_progress_and_a_message_for_no_chunk_is_dead_lettered()
    {
        var unknown = ImportIds.New();

        Assert.Null(await Store.GetProgressAsync(unknown, CancellationToken.None));
        var handling = await _harness.Get<ImportChunkHandler>().HandleAsync(ImportJson.Serialize(new ChunkMessage(unknown, 0)), CancellationToken.None);
        Assert.Equal(Engine.Transitions.MessageSettlement.DeadLetter, handling.Settlement);
        Assert.Equal(Engine.Transitions.MessageSettlement.DeadLetter, (await _harness.Get<ImportChunkHandler>().HandleAsync("nope"u8.ToArray(), CancellationToken.None)).Settlement);
    }

    public void Dispose() => _harness.Dispose();
}
