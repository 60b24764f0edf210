using System.Globalization;
using LeadFunctions.Domain.Events;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// One line a person reads in a channel, such as "New SQL for rep-ann: Acme Industries (Hot! Hot! Hot!)". The lead is
/// named by its company only when the event still carries the person (the subscriber gets personal data); otherwise
/// by its id, so a chat channel never learns who the lead is unless configured to. A lead handed to a rep says by when
/// to work it ("work it by Wed 14:00"), on the business calendar's clock the SLA is counted on.
/// </summary>
public static class ChatText
{
    public static string Of(LeadEvent leadEvent)
    {
        ArgumentNullException.ThrowIfNull(leadEvent);
        var who = Who(leadEvent);
        var quadrant = leadEvent.QuadrantDisplayName is { Length: > 0 } q ? $" ({q})" : string.Empty;
        var to = leadEvent.To;
        var stage = to.StageDisplayName ?? to.Stage.ToString();
        var status = to.StatusDisplayName ?? to.Status.ToString();
        return leadEvent.Type switch
        {
            LeadEventType.LeadCreated => $"New lead: {who}{quadrant}, {stage}",
            LeadEventType.OwnerAssigned when to.Owner is { } owner => $"New {stage} for {owner}: {who}{quadrant}{WorkItBy(to)}",
            LeadEventType.OwnerAssigned => $"{who}{quadrant} waits for a rep in {to.SalesTeam ?? to.OwnerTeam.ToString()}",
            LeadEventType.StageChanged => $"{who}{quadrant} moved from {leadEvent.From?.StageDisplayName ?? leadEvent.From?.Stage.ToString() ?? "nowhere"} to {stage}",
            LeadEventType.StatusChanged => $"{who}{quadrant} is now {status}",
            LeadEventType.FlagRaised => $"{leadEvent.Flag ?? "Flag"} on {who}{quadrant}{(to.Owner is { } o ? ", owner " + o : string.Empty)}",
            LeadEventType.Suppressed => $"{who} was suppressed",
            LeadEventType.Erased => $"Lead {leadEvent.LeadId} was erased",
            _ => $"{leadEvent.Type} for {who}",
        };
    }

    private static string WorkItBy(LeadPlacement placement)
        => placement.SlaDueAt is { } due ? $", work it by {due.ToString("ddd HH:mm", CultureInfo.InvariantCulture)}" : string.Empty;

    private static string Who(LeadEvent leadEvent)
        => leadEvent.Person?.Company is { Length: > 0 } company ? company : leadEvent.LeadId;
}
