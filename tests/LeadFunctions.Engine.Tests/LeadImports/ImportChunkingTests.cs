using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Engine.LeadImports;

namespace LeadFunctions.Engine.Tests.LeadImports;

public sealed class ImportChunkingTests
{
    private static ImportRow Row(int n, int messageLength = 10)
        => new(n, new Dictionary<string, string?> { ["email"] = $"p{n}@acme.example", ["message"] = new string('m', messageLength) });

    [Fact]
    public void Rows_are_chunked_by_count_in_order()
    {
        var rows = Enumerable.Range(1, 250).Select(n => Row(n)).ToList();

        var chunks = ImportSubmitter.Chunk("imp-1", ImportSource.Research, rows);

        Assert.Equal([100, 100, 50], chunks.Select(c => c.Rows.Count));
        Assert.Equal([0, 1, 2], chunks.Select(c => c.Index));
        Assert.Equal(rows, chunks.SelectMany(c => c.Rows));
    }

    [Fact]
    public void A_chunk_closes_early_when_its_stored_rows_would_outgrow_one_property()
    {
        var rows = Enumerable.Range(1, 40).Select(n => Row(n, 5_000)).ToList();

        var chunks = ImportSubmitter.Chunk("imp-1", ImportSource.PurchasedList, rows);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(ImportJson.SerializeRows(c.Rows).Length <= ImportLimits.MaxChunkBytes));
        Assert.Equal(40, chunks.Sum(c => c.Rows.Count));
    }

    [Fact]
    public void Stored_rows_read_back_as_written()
    {
        IReadOnlyList<ImportRow> rows = [Row(1), new ImportRow(2, null, [new("$", "The row is not valid JSON.")])];

        var back = ImportJson.DeserializeRows(ImportJson.SerializeRows(rows));

        Assert.Equal(rows[0].Fields, back[0].Fields);
        Assert.Equal((2, "$"), (back[1].Row, back[1].Errors![0].Field));
    }

    [Fact]
    public void Progress_is_the_sum_of_the_chunk_results_with_errors_in_row_order()
    {
        var header = new ImportHeader("imp-1", ImportSource.Customers, 250, 3, DateTimeOffset.UnixEpoch);
        var results = new[]
        {
            new ChunkResult(1, 100, 90, 5, 3, [new ImportError(150, "email", "Required."), new ImportError(120, "$", "x")]),
            new ChunkResult(0, 100, 100, 0, 0, []),
        };

        var running = ImportProgress.Of(header, results);
        var queued = ImportProgress.Of(header, []);
        var completed = ImportProgress.Of(header, [.. results, new ChunkResult(2, 50, 0, 0, 50, [])]);

        Assert.Equal((ImportState.Running, 200, 190, 5, 3), (running.State, running.Done, running.Created, running.Updated, running.Unchanged));
        Assert.Equal([120, 150], running.Errors.Select(e => e.Row));
        Assert.Equal((ImportState.Queued, 0), (queued.State, queued.Done));
        Assert.Equal((ImportState.Completed, 250), (completed.State, completed.Done));
    }

    [Theory]
    [InlineData("imp-0123456789abcdef0123456789abcdef", true)]
    [InlineData("imp-0123456789ABCDEF0123456789abcdef", false)]
    [InlineData("imp-0123456789abcdef0123456789abcde", false)]
    [InlineData("ld-0123456789abcdef0123456789abcdef", false)]
    [InlineData(null, false)]
    public void Import_ids_are_checked_before_they_reach_a_key(string? id, bool wellFormed)
        => Assert.Equal(wellFormed, ImportIds.IsWellFormed(id));
}
