using System.Globalization;
using Azure.Data.Tables;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// Row contents of the Leads table (docs/table-design.md; keys in <see cref="LeadKeys"/>): the lead row, one row per
/// recorded command (the audit line and the idempotency key in one), and the lead's due entries (keys only).
/// </summary>
internal static class LeadRows
{
    /// <summary>
    /// The lead row and one row per due entry. A due row is its key alone (sweep, due instant, lead id): the sweep
    /// reads the lead before it queues a command, and the consumer reads it again before it writes.
    /// </summary>
    public static (TableEntity Lead, IReadOnlyList<TableEntity> DueRows) ToEntities(Lead lead, IReadOnlyCollection<DueEntry> due)
    {
        var partition = LeadKeys.PartitionOf(lead.Id);
        var state = LeadDocuments.Write(lead);

        // Which due rows this version wrote, so the next write removes exactly those, whatever the playbook says then.
        var dueList = string.Join(';', due.Select(d => $"{d.Sweep.Name()}:{d.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}"));
        var leadRow = new TableEntity(partition, LeadKeys.Lead(lead.Id))
        {
            ["Stage"] = lead.Stage.ToString(),
            // The status by name ("HotHotHot"), so ?status= finds one status; its role beside it for the rules' counts.
            ["Status"] = lead.StatusName,
            ["StatusRole"] = lead.Status.ToString(),
            ["OwnerTeam"] = lead.OwnerTeam.ToString(),
            ["Owner"] = lead.Owner,
            ["Quadrant"] = lead.Quadrant.ToString(),
            ["CheckBackDue"] = lead.Flags.HasFlag(LeadFlags.CheckBackDue),
            ["SlaBreached"] = lead.Flags.HasFlag(LeadFlags.SlaBreached),
            ["Unassigned"] = lead.Flags.HasFlag(LeadFlags.Unassigned),
            ["SlaWarning"] = lead.Flags.HasFlag(LeadFlags.SlaWarning),
            ["Team"] = lead.SalesTeam,
            ["Territory"] = lead.Assignment?.Rule,
            ["Suppressed"] = lead.Suppressed,
            ["Version"] = lead.Version,
            ["State"] = state,
            ["Due"] = dueList,
        };
        return (leadRow, [.. due.Select(KeysOf)]);
    }

    /// <summary>The lead's due entries as its row lists them.</summary>
    public static IReadOnlyCollection<DueEntry> DueOf(string leadId, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var due = entity.GetString("Due");
        if (string.IsNullOrEmpty(due))
        {
            return [];
        }

        return [.. due.Split(';').Select(item =>
        {
            var separator = item.IndexOf(':', StringComparison.Ordinal);
            if (!SweepNames.TryParse(item[..separator], out var sweep))
            {
                throw new InvalidDataException($"Row {entity.RowKey} names an unknown sweep in its due entries.");
            }

            return new DueEntry(sweep, leadId, new DateTimeOffset(long.Parse(item[(separator + 1)..], CultureInfo.InvariantCulture), TimeSpan.Zero));
        })];
    }

    /// <summary>A due row: its keys are all it holds.</summary>
    public static TableEntity KeysOf(DueEntry entry) => new(LeadKeys.PartitionOf(entry.LeadId), LeadKeys.Due(entry));

    public static Lead ToLead(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return LeadDocuments.Read(entity.GetString("State") ?? throw new InvalidDataException($"Lead row {entity.RowKey} has no state."));
    }

    public static TableEntity ToEntity(string leadId, AuditRecord audit) => new(LeadKeys.PartitionOf(leadId), LeadKeys.Command(leadId, audit.CommandId))
    {
        ["CommandId"] = audit.CommandId,
        ["Type"] = audit.Type.ToString(),
        ["Outcome"] = audit.Outcome.ToString(),
        ["RejectionCode"] = audit.RejectionCode,
        ["Actor"] = audit.Actor,
        ["Reason"] = audit.Reason,
        ["OccurredAt"] = audit.OccurredAt,
        ["RecordedAt"] = audit.RecordedAt,
        ["FromStage"] = audit.FromStage?.ToString(),
        ["ToStage"] = audit.ToStage.ToString(),
        ["FromStatus"] = audit.FromStatus?.ToString(),
        ["ToStatus"] = audit.ToStatus.ToString(),
        ["FromStatusName"] = audit.FromStatusName,
        ["ToStatusName"] = audit.ToStatusName,
        ["Sequence"] = audit.Sequence,
        ["DealId"] = audit.DealId,
        ["FromOwner"] = audit.FromOwner,
        ["ToOwner"] = audit.ToOwner,
        ["Assignment"] = audit.Assignment is { } assignment ? AssignmentJson.Write(assignment) : null,
    };

    public static AuditRecord ToAudit(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new AuditRecord(
            entity.GetString("CommandId"),
            Enum.Parse<TransitionType>(entity.GetString("Type")),
            Enum.Parse<OutcomeKind>(entity.GetString("Outcome")),
            entity.GetString("RejectionCode"),
            entity.GetString("Actor"),
            entity.GetString("Reason"),
            entity.GetDateTimeOffset("OccurredAt")!.Value,
            entity.GetDateTimeOffset("RecordedAt")!.Value,
            ParseOrNull<LifecycleStage>(entity.GetString("FromStage")),
            Enum.Parse<LifecycleStage>(entity.GetString("ToStage")),
            ParseOrNull<LeadStatus>(entity.GetString("FromStatus")),
            Enum.Parse<LeadStatus>(entity.GetString("ToStatus")),
            entity.GetInt64("Sequence") ?? 0,
            entity.GetString("DealId"),
            entity.GetString("FromOwner"),
            entity.GetString("ToOwner"),
            entity.GetString("Assignment") is { } assignment ? AssignmentJson.Read(assignment) : null)
        {
            FromStatusName = entity.GetString("FromStatusName"),
            ToStatusName = entity.GetString("ToStatusName"),
        };
    }

    private static T? ParseOrNull<T>(string? value)
        where T : struct, Enum
        => value is null ? null : Enum.Parse<T>(value);
}
