using System.Text;
using System.Text.Json;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Functions.Http;
using LeadFunctions.Functions.LeadImports;
using LeadFunctions.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>
/// The import triggers called as the worker calls them, over the real engine and a real table in Azurite: the HTTP
/// pair stores an import and shows its progress; the Service Bus trigger applies a chunk and settles by hand.
/// </summary>
public sealed class ImportFunctionsTests : IDisposable
{
    private readonly FunctionsApp _app = new();
    private readonly MessageActions _actions = new();

    public void Dispose() => _app.Dispose();

    private async Task<(int Status, JsonElement Body)> StartAsync(string source, string ndjson)
    {
        var context = _app.Request("POST", "/api/imports", query: "?source=" + source);
        context.Request.ContentType = "application/x-ndjson";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(ndjson));
        var (status, body) = await FunctionsApp.ExecuteAsync(context, await _app.Create<ImportFunctions>().StartImport(context.Request));
        return (status, JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task<(int Status, string Body)> GetAsync(string importId)
    {
        var context = _app.Request("GET", "/api/imports/" + importId);
        return await FunctionsApp.ExecuteAsync(context, await _app.Create<ImportFunctions>().GetImport(context.Request, importId));
    }

    private Task Deliver(byte[] body, string messageId)
        => _app.Create<ImportQueueFunction>().ApplyImportChunk(MessageActions.Message(body, messageId), _actions.Actions, CancellationToken.None);

    [Fact]
    public async Task An_import_is_stored_queued_applied_by_the_queue_trigger_and_reported_completed()
    {
        var (status, accepted) = await StartAsync("purchased-list", "{\"email\":\"one@acme-analytics.com\"}\n{\"email\":\"bad\"}");
        var importId = accepted.GetProperty("importId").GetString()!;

        Assert.Equal(202, status);
        Assert.Equal([(importId, 1)], _app.ImportChunks.Published);
        Assert.Contains("\"state\":\"queued\"", (await GetAsync(importId)).Body, StringComparison.Ordinal);

        await Deliver(ImportJson.Serialize(new ChunkMessage(importId, 0)), importId + ":0");

        Assert.Equal([new Settlement(importId + ":0", "complete", null)], _actions.Settlements);
        var progress = await _app.Services.GetRequiredService<IImportStore>().GetProgressAsync(importId, CancellationToken.None);
        Assert.Equal((ImportState.Completed, 2, 1), (progress!.State, progress.Done, progress.Created));
        Assert.Equal((2, "email"), (progress.Errors[0].Row, progress.Errors[0].Field));
    }

    [Fact]
    public async Task A_message_naming_no_stored_chunk_is_dead_lettered_with_the_reason()
    {
        await Deliver(ImportJson.Serialize(new ChunkMessage(ImportIds.New(), 0)), "no-chunk");
        await Deliver(Encoding.UTF8.GetBytes("{not json"), "not-json");

        Assert.Equal(
            [new Settlement("no-chunk", "dead-letter", "No such import chunk."), new Settlement("not-json", "dead-letter", "The message is not an import chunk message.")],
            _actions.Settlements);
    }

    [Fact]
    public async Task An_unknown_source_is_400_and_an_unknown_import_404_through_the_http_triggers()
    {
        var (status, _) = await StartAsync("catalogue", "{\"email\":\"one@acme-analytics.com\"}");

        Assert.Equal(400, status);
        Assert.Empty(_app.ImportChunks.Published);
        Assert.Equal(404, (await GetAsync(ImportIds.New())).Status);
    }
}
