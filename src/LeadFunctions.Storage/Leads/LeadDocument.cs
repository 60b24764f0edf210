using System.Text.Json.Serialization;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// The stored form of a lead (the lead row's State, and each due row's copy), schema version 1: plain data, enums by
/// name, instants in ISO 8601, in the shape rows had before the version was written (tests/.../Golden). Renaming or
/// retyping a member changes what is stored: bump <see cref="LeadDocuments.CurrentSchemaVersion"/> and map the old
/// version instead. Personal data (the person, the message) lives here and nowhere else in the row.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record LeadDocument
{
    /// <summary>Absent in rows written before the version was: those are version 1.</summary>
    public int? SchemaVersion { get; init; }
    public required string Id { get; init; }
    public required PersonDocument Person { get; init; }
    public required LifecycleStage Stage { get; init; }
    public required LeadStatus Status { get; init; }
    public required Team OwnerTeam { get; init; }
    public string? Owner { get; init; }
    public required Fit Fit { get; init; }
    public required int FitScore { get; init; }
    public required Interest Interest { get; init; }
    public required int ActivityScore { get; init; }
    public required LeadFlags Flags { get; init; }
    public required Dictionary<LifecycleStage, StampDocument> StageStamps { get; init; }
    public required Dictionary<LeadStatus, StampDocument> StatusStamps { get; init; }
    public required CampaignDocument Campaigns { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastContactAt { get; init; }
    public DateTimeOffset? HandedToSalesAt { get; init; }
    public DateTimeOffset? LastActivityAt { get; init; }
    public DateTimeOffset? NextCheckBackAt { get; init; }
    public DateTimeOffset? NextResurfaceAt { get; init; }
    public string? SuppressedReason { get; init; }
    public string? LastFormId { get; init; }
    public required bool Consent { get; init; }
    public MessageDocument? LastMessage { get; init; }
    public string? DealId { get; init; }
    public required long Version { get; init; }

    /// <summary>Added within version 1: optional, so rows written before routing read as never routed.</summary>
    public AssignmentDocument? Assignment { get; init; }
    public PastOwnerDocument? PreviousOwner { get; init; }

    /// <summary>Added within version 1 with the lead events: absent in older rows, which had published none.</summary>
    public long? EventSequence { get; init; }

    /// <summary>
    /// Added within version 1 with custom statuses (issue 16): the playbook's own status the lead is in ("HotHotHot"),
    /// whose role is <see cref="Status"/>. Absent while the lead is in a built-in status, and in older rows: the name is then <see cref="Status"/>'s.
    /// </summary>
    public string? StatusName { get; init; }

    /// <summary>
    /// Added within version 1 with custom statuses: stamps by status name, written once the lead has been in a custom
    /// status. Absent: the names are the built-in ones of <see cref="StatusStamps"/>.
    /// </summary>
    public Dictionary<string, StampDocument>? StatusNameStamps { get; init; }
}

/// <summary>Why the lead's team and rep have it; rep absent while it waits in the team's queue.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record AssignmentDocument
{
    public required string Team { get; init; }
    public string? Rule { get; init; }
    public string? Rep { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset At { get; init; }
    public List<SkippedRepDocument>? Skipped { get; init; }
    public DateTimeOffset? RetryAt { get; init; }
}

/// <summary>A rep routing passed by, and why.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SkippedRepDocument
{
    public required string Rep { get; init; }
    public required RepStanding Why { get; init; }
}

/// <summary>The rep who had the lead before, and until when.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PastOwnerDocument
{
    public required string Rep { get; init; }
    public required DateTimeOffset Until { get; init; }
}

/// <summary>Who the lead is. Personal data.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PersonDocument
{
    public required string Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? JobTitle { get; init; }
    public string? Phone { get; init; }
    public string? Country { get; init; }
    public int? Employees { get; init; }

    /// <summary>Derived from the e-mail and ignored on read; written because every row has carried it since the first.</summary>
    public string? EmailDomain { get; init; }
}

/// <summary>One stage's or status's stamps.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record StampDocument
{
    public required DateTimeOffset FirstEnteredAt { get; init; }
    public required DateTimeOffset LastEnteredAt { get; init; }
    public DateTimeOffset? LastExitedAt { get; init; }
    public required TimeSpan TimeInClosedVisits { get; init; }
    public required bool IsOpen { get; init; }
}

/// <summary>Which campaigns brought the lead to MQL and SQL; every member may be absent.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CampaignDocument
{
    public string? MqlFirst { get; init; }
    public string? MqlLast { get; init; }
    public string? SqlFirst { get; init; }
    public string? SqlLast { get; init; }

    /// <summary>Added within version 1 (issue 16): optional, so rows written before it read as of unknown origin.</summary>
    public OriginDocument? Origin { get; init; }
}

/// <summary>The lead's first touch: campaign, utm_source, utm_medium; every member may be absent.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record OriginDocument
{
    public string? Campaign { get; init; }
    public string? Source { get; init; }
    public string? Medium { get; init; }
}

/// <summary>The person's last message. Personal data.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record MessageDocument
{
    public required string Text { get; init; }
    public required string FormId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>Just enough of any version's document to say which version it is and whose it is.</summary>
internal sealed record LeadDocumentHeader(int? SchemaVersion, string? Id);
