using System.Text.Json.Serialization;
using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Transitions;

/// <summary>A request to change one lead. <see cref="CommandId"/> makes redelivery harmless.</summary>
public sealed record TransitionCommand(
    string CommandId,
    TransitionType Type,
    DateTimeOffset OccurredAt,
    string Actor,
    string? Reason = null,
    TransitionData? Data = null)
{
    /// <summary>The data, or empty; derived, so it is not part of the wire format.</summary>
    [JsonIgnore]
    public TransitionData Payload => Data ?? TransitionData.Empty;
}

/// <summary>Type-specific details. Which fields a type needs is checked by the state machine.</summary>
public sealed record TransitionData
{
    public static readonly TransitionData Empty = new();

    public int? Points { get; init; }
    public LifecycleStage? ToStage { get; init; }
    public LeadStatus? ToStatus { get; init; }

    /// <summary>The status a StatusSet event names: a canonical name, built-in or the playbook's own ("HotHotHot").</summary>
    public string? StatusName { get; init; }
    public DateTimeOffset? CheckBackAt { get; init; }
    public string? Owner { get; init; }
    /// <summary>The CRM's deal, on deal commands; the lead keeps the latest (<see cref="Lead.DealId"/>).</summary>
    public string? DealId { get; init; }
    public FormSubmission? Submission { get; init; }

    /// <summary>The row, on <see cref="TransitionType.LeadImported"/>.</summary>
    public LeadImport? Import { get; init; }
}

/// <summary>A validated, normalised website form submission. <see cref="Message"/> is personal data, like the person.</summary>
public sealed record FormSubmission(string FormId, Person Person, string? Campaign, string? Source, string? Medium, bool Consent, string? Message = null);
