namespace LeadFunctions.Engine.Ports;

/// <summary>The transport that hands an import's chunks to the consumers: one message per chunk.</summary>
public interface IImportChunkPublisher
{
    Task PublishAsync(string importId, int chunks, CancellationToken cancellationToken);
}
