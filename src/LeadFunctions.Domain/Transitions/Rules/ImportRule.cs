using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>
/// Issue 16, item 4: a row of an uploaded list. A new person starts where the list's source says (purchased list: MQL /
/// Nurturing; research: SQL / New, routed; customers: Customer / Current Customer; manual: SQL / New, owned by the rep
/// who found them). A known person is enriched, never duplicated and never moved back: a list only moves a lead
/// forward, a customer list makes a customer of anyone, and nothing but a customer list touches a customer or a bad
/// fit's place. A list is not the person acting, so it adds no activity points.
/// </summary>
internal static class ImportRule
{
    public static Decision Create(string leadId, TransitionCommand command, Playbook playbook)
    {
        var row = command.Payload.Import!;
        var details = row.Details;
        var at = command.OccurredAt;
        var campaign = details.Campaign ?? playbook.Routing.DefaultCampaign;
        var fitScore = FitScore.Of(details.Person, playbook.Fit);
        var fit = FitScore.Classify(fitScore, playbook.Fit);
        var interest = InterestLevel.Of(false, 0, playbook.Interest);
        var lead = Lead.Introduce(
            leadId,
            details.Person,
            LifecycleStage.MQL,
            LeadStatus.Nurturing,
            playbook.Quadrants.GetValueOrDefault(QuadrantOf.From(fit, interest))?.Owner ?? Team.Marketing,
            fit,
            fitScore,
            interest,
            0,
            campaign,
            at,
            null,
            details.Consent,
            MessageOf(details, at),
            new LeadOrigin(campaign, details.Source, details.Medium));

        var placed = row.Source == ImportSource.PurchasedList ? lead : Place(lead, row, playbook, at, campaign);

        // A person who starts past MQL never sat in it: the history starts afresh where they land.
        return Decision.To(placed.Stage == LifecycleStage.MQL ? placed : placed.StartingHistoryAt(at, campaign));
    }

    public static Decision Update(Lead lead, TransitionCommand command, Playbook playbook)
    {
        if (command.Payload.Import is not { } row)
        {
            return Decision.Reject(RejectionCode.MissingData);
        }

        var details = row.Details;
        var at = command.OccurredAt;
        var person = lead.Person.MergedWith(details.Person);
        var fitScore = FitScore.Of(person, playbook.Fit);
        var fit = lead.Status == LeadStatus.BadFit ? Fit.Low : FitScore.Classify(fitScore, playbook.Fit);
        var enriched = lead.Enriched(person, fitScore, fit, details.Consent, MessageOf(details, at));

        var settled = enriched.Stage >= LifecycleStage.Customer || enriched.Status is LeadStatus.CurrentCustomer or LeadStatus.BadFit;
        var moves = row.Source switch
        {
            ImportSource.Customers => !(enriched.Stage >= LifecycleStage.Customer && enriched.Status == LeadStatus.CurrentCustomer),
            ImportSource.Research or ImportSource.Manual => !settled && enriched.Stage < LifecycleStage.SQL,
            _ => false,
        };

        return Decision.To(moves ? Place(enriched, row, playbook, at, details.Campaign) : enriched);
    }

    private static Lead Place(Lead lead, LeadImport row, Playbook playbook, DateTimeOffset at, string? campaign) => row.Source switch
    {
        ImportSource.Customers => lead.AdvanceTo(LifecycleStage.Customer, at, campaign)
            .MoveStatus(LeadStatus.CurrentCustomer, at)
            .AssignedTo(playbook.DefinitionOf(LeadStatus.CurrentCustomer)?.Owner ?? Team.Sales, null)
            .WithoutFlag(LeadFlags.CheckBackDue)
            .WithoutFollowUps(),

        // Researched and rep-found people are sales-ready by someone's judgement, so a low persona score does not keep them out.
        ImportSource.Research => SalesRouting.HandRaise(lead, playbook, at, campaign, overrideFit: true),

        // The state machine records the named rep as owner, on their team, with this command as the reason.
        ImportSource.Manual => SalesRouting.HandRaise(lead, playbook, at, campaign, overrideFit: true).AssignedTo(Team.Sales, row.Owner),
        _ => lead,
    };

    private static LeadMessage? MessageOf(FormSubmission details, DateTimeOffset at)
        => details.Message is { } text ? new LeadMessage(text, details.FormId, at) : null;
}
