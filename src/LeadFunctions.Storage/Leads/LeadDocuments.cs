using System.Collections.Immutable;
using System.Text.Json;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// How a lead becomes its stored document and back: the one place the lead row and the due rows' copies go through.
/// A document of a version this build does not know fails loudly, naming the lead (never the person), instead of
/// being read with whatever members happen to match.
/// </summary>
internal static class LeadDocuments
{
    public const int CurrentSchemaVersion = 1;

    public static string Write(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return JsonSerializer.Serialize(ToDocument(lead), LeadDocumentJsonContext.Default.LeadDocument);
    }

    public static Lead Read(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        LeadDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, LeadDocumentJsonContext.Default.LeadDocument);
        }
        catch (JsonException ex)
        {
            // A newer version's shape need not parse as this one: say which version it is rather than what failed first.
            var header = HeaderOf(json);
            ThrowIfUnknown(header?.SchemaVersion, header?.Id);
            throw new InvalidDataException($"The stored state of lead {header?.Id ?? "(no id)"} does not match lead schema version {CurrentSchemaVersion}.", ex);
        }

        if (document is null)
        {
            throw new InvalidDataException("A lead row's stored state is null.");
        }

        ThrowIfUnknown(document.SchemaVersion, document.Id);
        return ToLead(document);
    }

    private static LeadDocument ToDocument(Lead lead) => new()
    {
        SchemaVersion = CurrentSchemaVersion,
        Id = lead.Id,
        Person = new PersonDocument
        {
            Email = lead.Person.Email,
            FirstName = lead.Person.FirstName,
            LastName = lead.Person.LastName,
            Company = lead.Person.Company,
            JobTitle = lead.Person.JobTitle,
            Phone = lead.Person.Phone,
            Country = lead.Person.Country,
            Employees = lead.Person.Employees,
            EmailDomain = lead.Person.EmailDomain,
        },
        Stage = lead.Stage,
        Status = lead.Status,
        OwnerTeam = lead.OwnerTeam,
        Owner = lead.Owner,
        Fit = lead.Fit,
        FitScore = lead.FitScore,
        Interest = lead.Interest,
        ActivityScore = lead.ActivityScore,
        Flags = lead.Flags,
        StageStamps = lead.StageStamps.ToDictionary(p => p.Key, p => ToDocument(p.Value)),
        StatusStamps = lead.StatusStamps.ToDictionary(p => p.Key, p => ToDocument(p.Value)),
        Campaigns = new CampaignDocument
        {
            MqlFirst = lead.Campaigns.MqlFirst,
            MqlLast = lead.Campaigns.MqlLast,
            SqlFirst = lead.Campaigns.SqlFirst,
            SqlLast = lead.Campaigns.SqlLast,
            Origin = lead.Campaigns.Origin is { } origin
                ? new OriginDocument { Campaign = origin.Campaign, Source = origin.Source, Medium = origin.Medium }
                : null,
        },
        CreatedAt = lead.CreatedAt,
        LastContactAt = lead.LastContactAt,
        HandedToSalesAt = lead.HandedToSalesAt,
        LastActivityAt = lead.LastActivityAt,
        NextCheckBackAt = lead.NextCheckBackAt,
        NextResurfaceAt = lead.NextResurfaceAt,
        SuppressedReason = lead.SuppressedReason,
        LastFormId = lead.LastFormId,
        Consent = lead.Consent,
        LastMessage = lead.LastMessage is { } message
            ? new MessageDocument { Text = message.Text, FormId = message.FormId, ReceivedAt = message.ReceivedAt }
            : null,
        DealId = lead.DealId,
        Version = lead.Version,
        Assignment = lead.Assignment is { } assignment ? AssignmentJson.ToDocument(assignment) : null,
        PreviousOwner = lead.PreviousOwner is { } previous ? new PastOwnerDocument { Rep = previous.Rep, Until = previous.Until } : null,

        // Left out until the lead has an event, so a lead written before events existed rewrites to its golden shape.
        EventSequence = lead.EventSequence == 0 ? null : lead.EventSequence,

        // Left out while they say nothing the role's stamps do not, so a lead of built-in statuses keeps its golden shape.
        StatusName = lead.InCustomStatus ? lead.StatusName : null,
        StatusNameStamps = lead.StatusNameStamps.Keys.All(k => StatusRoles.IsBuiltIn(k, out _))
            ? null
            : lead.StatusNameStamps.ToDictionary(p => p.Key, p => ToDocument(p.Value), StringComparer.Ordinal),
    };

    private static StampDocument ToDocument(Stamp stamp) => new()
    {
        FirstEnteredAt = stamp.FirstEnteredAt,
        LastEnteredAt = stamp.LastEnteredAt,
        LastExitedAt = stamp.LastExitedAt,
        TimeInClosedVisits = stamp.TimeInClosedVisits,
        IsOpen = stamp.IsOpen,
    };

    private static Lead ToLead(LeadDocument document)
    {
        var person = document.Person;
        return Lead.Restore(
            document.Id,
            new Person(person.Email, person.FirstName, person.LastName, person.Company, person.JobTitle, person.Phone, person.Country, person.Employees),
            document.Stage,
            document.Status,
            document.OwnerTeam,
            document.Owner,
            document.Fit,
            document.FitScore,
            document.Interest,
            document.ActivityScore,
            document.Flags,
            document.StageStamps.ToImmutableDictionary(p => p.Key, p => ToStamp(p.Value)),
            document.StatusStamps.ToImmutableDictionary(p => p.Key, p => ToStamp(p.Value)),
            new CampaignStamps(
                document.Campaigns.MqlFirst,
                document.Campaigns.MqlLast,
                document.Campaigns.SqlFirst,
                document.Campaigns.SqlLast,
                document.Campaigns.Origin is { } origin ? new LeadOrigin(origin.Campaign, origin.Source, origin.Medium) : null),
            document.CreatedAt,
            document.LastContactAt,
            document.HandedToSalesAt,
            document.LastActivityAt,
            document.NextCheckBackAt,
            document.NextResurfaceAt,
            document.SuppressedReason,
            document.LastFormId,
            document.Consent,
            document.LastMessage is { } message ? new LeadMessage(message.Text, message.FormId, message.ReceivedAt) : null,
            document.DealId,
            document.Version,
            document.Assignment is { } assignment ? AssignmentJson.ToAssignment(assignment) : null,
            document.PreviousOwner is { } previous ? new PastOwner(previous.Rep, previous.Until) : null,
            document.EventSequence ?? 0,
            document.StatusName,
            document.StatusNameStamps?.ToImmutableDictionary(p => p.Key, p => ToStamp(p.Value), StringComparer.Ordinal));
    }

    private static Stamp ToStamp(StampDocument stamp)
        => new(stamp.FirstEnteredAt, stamp.LastEnteredAt, stamp.LastExitedAt, stamp.TimeInClosedVisits, stamp.IsOpen);

    private static void ThrowIfUnknown(int? schemaVersion, string? leadId)
    {
        // Rows written before the version was are version 1: the document kept their exact shape.
        if (schemaVersion is not (null or CurrentSchemaVersion))
        {
            throw new InvalidDataException(
                $"Lead {leadId ?? "(no id)"} is stored in lead schema version {schemaVersion}; this build reads version {CurrentSchemaVersion} only. "
                + "A newer build wrote it: roll forward, not back.");
        }
    }

    private static LeadDocumentHeader? HeaderOf(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, LeadDocumentJsonContext.Default.LeadDocumentHeader);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
