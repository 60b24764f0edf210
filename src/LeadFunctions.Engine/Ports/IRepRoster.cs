using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Engine.Ports;

/// <summary>A team's rotation as stored, with the version tag that guards the next save.</summary>
public sealed record StoredRotation(RepRotation Rotation, string? ETag);

/// <summary>
/// Reps' availability and each team's rotation state: shared by every instance, so a rotation is saved only if nobody
/// else saved it since it was read (optimistic concurrency), and a lost race picks again.
/// </summary>
public interface IRepRoster
{
    /// <summary>Every rep with a stored availability; reps never set are available.</summary>
    Task<IReadOnlyDictionary<string, RepAvailability>> GetAvailabilityAsync(CancellationToken cancellationToken);

    Task SetAvailabilityAsync(string repId, RepAvailability availability, CancellationToken cancellationToken);

    Task<StoredRotation> GetRotationAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>False when another instance saved the team's rotation since <paramref name="etag"/> was read.</summary>
    Task<bool> TrySaveRotationAsync(string teamId, RepRotation rotation, string? etag, CancellationToken cancellationToken);
}
