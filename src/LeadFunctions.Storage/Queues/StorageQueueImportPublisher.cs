using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Queues;

/// <summary>Queues one message per chunk on the local import queue (base64 JSON, as the Functions queue trigger would expect).</summary>
public sealed class StorageQueueImportPublisher : IImportChunkPublisher
{
    private const int SendersAtOnce = 16;
    private readonly ImportQueues _queues;

    public StorageQueueImportPublisher(ImportQueues queues) => _queues = queues;

    public async Task PublishAsync(string importId, int chunks, CancellationToken cancellationToken)
    {
        await _queues.EnsureCreatedAsync(cancellationToken);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chunks),
            new ParallelOptions { MaxDegreeOfParallelism = SendersAtOnce, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var body = Convert.ToBase64String(ImportJson.Serialize(new ChunkMessage(importId, index)));
                await _queues.MapOutagesAsync(() => _queues.Main.SendMessageAsync(body, token));
            });
    }
}
