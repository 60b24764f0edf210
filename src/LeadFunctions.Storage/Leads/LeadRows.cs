using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Azure.Data.Tables;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// Row layout of the Leads table (docs/table-design.md). One partition per lead: the lead row, and one row per
/// recorded command keyed by its id — the audit line and the idempotency key in one, written in the same batch.
/// </summary>
internal static class LeadRows
{
    public const string LeadRowKey = "lead";
    public const string CommandPrefix = "cmd|";

    /// <summary>Just past every command row: '}' sorts right after '|'.</summary>
    public const string CommandUpperBound = "cmd}";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipDerivedProperties } },
    };

    public static string CommandRowKey(string commandId) => CommandPrefix + commandId;

    public static TableEntity ToEntity(Lead lead)
    {
        var entity = new TableEntity(lead.Id, LeadRowKey)
        {
            ["Stage"] = lead.Stage.ToString(),
            ["Status"] = lead.Status.ToString(),
            ["OwnerTeam"] = lead.OwnerTeam.ToString(),
            ["Owner"] = lead.Owner,
            ["Quadrant"] = lead.Quadrant.ToString(),
            ["CheckBackDue"] = lead.Flags.HasFlag(LeadFlags.CheckBackDue),
            ["SlaBreached"] = lead.Flags.HasFlag(LeadFlags.SlaBreached),
            ["Version"] = lead.Version,
            ["State"] = JsonSerializer.Serialize(lead, Json),
        };
        return entity;
    }

    public static Lead ToLead(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return JsonSerializer.Deserialize<Lead>(entity.GetString("State"), Json)
            ?? throw new InvalidDataException($"Lead row {entity.PartitionKey} has no state.");
    }

    public static TableEntity ToEntity(string leadId, AuditRecord audit) => new(leadId, CommandRowKey(audit.CommandId))
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
        ["Sequence"] = audit.Sequence,
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
            entity.GetInt64("Sequence") ?? 0);
    }

    public static bool IsLeadRow(TableEntity entity) => entity.RowKey == LeadRowKey;

    private static T? ParseOrNull<T>(string? value)
        where T : struct, Enum
        => value is null ? null : Enum.Parse<T>(value);

    /// <summary>Computed members (quadrant, entry times) are derived again on read, not stored twice.</summary>
    private static void SkipDerivedProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(Lead))
        {
            return;
        }

        foreach (var property in typeInfo.Properties.Where(p => p.Set is null).ToList())
        {
            typeInfo.Properties.Remove(property);
        }
    }
}
