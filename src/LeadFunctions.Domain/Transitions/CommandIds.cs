using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Domain.Transitions;

/// <summary>
/// Command ids, in one place. Client-chosen ids (submission ids, event ids) become storage keys, so they are limited
/// to a safe alphabet instead of being escaped: "/", "\", "#", "?" and control characters are not allowed in table
/// keys. Each source gets its own prefix, so a client's event id can never collide with a submission or a sweep.
/// </summary>
public static class CommandIds
{
    public const int MaxLength = 128;

    public const string SubmissionPrefix = "sub:";
    public const string EventPrefix = "evt:";
    public const string SweepPrefix = "sweep:";
    public const string AvailabilityPrefix = "avail:";
    public const string ImportPrefix = "imp:";

    /// <summary>Longest row key an import row may carry, leaving room for the prefix and the source's name.</summary>
    public const int MaxRowKeyLength = 96;

    /// <summary>What a refusal says about a client-chosen id, wherever one is read.</summary>
    public static readonly string Rule = $"1-{MaxLength} letters, digits, '-', '_', '.' or ':'";

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength }
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    public static string ForSubmission(string submissionId) => SubmissionPrefix + submissionId;

    public static string ForEvent(string eventId) => EventPrefix + eventId;

    /// <summary>
    /// An imported row's command: per source, the row's own key or else the lead (the e-mail's), so the same file
    /// imported twice applies nothing twice.
    /// </summary>
    public static string ForImport(string source, string rowKeyOrLeadId) => $"{ImportPrefix}{source}:{rowKeyOrLeadId}";

    /// <summary>The event id a client chose, back from the command id made of it.</summary>
    public static string EventIdOf(string commandId)
    {
        ArgumentNullException.ThrowIfNull(commandId);
        return commandId.StartsWith(EventPrefix, StringComparison.Ordinal)
            ? commandId[EventPrefix.Length..]
            : throw new ArgumentException("Not an event's command id.", nameof(commandId));
    }

    /// <summary>One due occurrence's command: its own id, so a sweep run again never applies it twice.</summary>
    public static string ForSweep(SweepKind sweep, DateTimeOffset dueAt) => $"{SweepPrefix}{sweep.Name()}:{dueAt.UtcTicks}";

    /// <summary>A rep's return, as the command that offers them their team's queued leads: one per lead and return.</summary>
    public static string ForAvailability(string repId, DateTimeOffset at) => $"{AvailabilityPrefix}{repId}:{at.UtcTicks}";

    /// <summary>The actor a sweep's commands are recorded under, such as sweep:recycle-dark.</summary>
    public static string SweepActor(SweepKind sweep) => SweepPrefix + sweep.Name();
}
