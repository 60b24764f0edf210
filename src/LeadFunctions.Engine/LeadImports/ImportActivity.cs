using System.Collections.Concurrent;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>The imports this instance is working on, so a host can report their progress while they run.</summary>
public sealed class ImportActivity
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    public void Working(string importId) => _running.TryAdd(importId, 0);

    public void Finished(string importId) => _running.TryRemove(importId, out _);

    public IReadOnlyCollection<string> Running => [.. _running.Keys];
}
