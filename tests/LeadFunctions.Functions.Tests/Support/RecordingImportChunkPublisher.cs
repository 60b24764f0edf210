using System.Collections.Concurrent;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Functions.Tests.Support;

/// <summary>Stands in for the lead-imports queue's sender: records which chunks were queued.</summary>
public sealed class RecordingImportChunkPublisher : IImportChunkPublisher
{
    private readonly ConcurrentQueue<(string ImportId, int Chunks)> _published = new();

    public IReadOnlyCollection<(string ImportId, int Chunks)> Published => _published;

    public Task PublishAsync(string importId, int chunks, CancellationToken cancellationToken)
    {
        _published.Enqueue((importId, chunks));
        return Task.CompletedTask;
    }
}
