using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>
/// Seed 003: an informational form makes an MQL, an action-oriented form (Contact Us, Pricing, Assessment)
/// makes an SQL in the sales inbox. A known person is updated, never duplicated; an action-oriented form
/// from a lead that marketing holds or that went cold is a hand-raise, and activity points can cross the
/// threshold that hands a lead to sales.
/// </summary>
internal static class FormSubmissionRule
{
    private static readonly HashSet<LeadStatus> HandRaiseStatuses =
    [
        LeadStatus.Nurturing, LeadStatus.Recycled, LeadStatus.Disqualified, LeadStatus.Unqualified,
        LeadStatus.CheckBackQuarterly, LeadStatus.DeadOpportunity,
    ];

    private static readonly HashSet<LeadStatus> RepWorkStatuses = [LeadStatus.ActivelyWorking, LeadStatus.Connected];

    public static Decision Create(string leadId, TransitionCommand command, Playbook playbook)
    {
        if (!TryRead(command, playbook, out var submission, out var form))
        {
            return Decision.Reject(RejectionCode.UnknownForm);
        }

        var at = command.OccurredAt;
        var points = Points(form, playbook);
        var campaign = Campaign(submission, form, playbook);
        var fitScore = FitScore.Of(submission.Person, playbook.Fit);
        var raisedHand = form.Intent == FormIntent.ActionOriented;
        var fit = FitScore.Classify(fitScore, playbook.Fit);
        var interest = InterestLevel.Of(raisedHand, points, playbook.Interest);
        var lead = Lead.Introduce(
            leadId,
            submission.Person,
            LifecycleStage.MQL,
            LeadStatus.Nurturing,
            playbook.Quadrants.GetValueOrDefault(QuadrantOf.From(fit, interest))?.Owner ?? Team.Marketing,
            fit,
            fitScore,
            interest,
            points,
            campaign,
            at,
            submission.FormId,
            submission.Consent,
            MessageOf(submission, at),
            new LeadOrigin(campaign, submission.Source, submission.Medium));

        return Decision.To(raisedHand || points >= playbook.Thresholds.ActivityPointsForSql
            ? StartInSalesInbox(lead, playbook, at, campaign)
            : lead);
    }

    public static Decision Update(Lead lead, TransitionCommand command, Playbook playbook)
    {
        if (!TryRead(command, playbook, out var submission, out var form))
        {
            return Decision.Reject(RejectionCode.UnknownForm);
        }

        var at = command.OccurredAt;
        var campaign = Campaign(submission, form, playbook);
        var raisedHand = form.Intent == FormIntent.ActionOriented;
        var person = lead.Person.MergedWith(submission.Person);
        var fitScore = FitScore.Of(person, playbook.Fit);
        var activity = lead.ActivityScore + Points(form, playbook);
        var interest = InterestLevel.Of(raisedHand, activity, playbook.Interest);
        // A rep's BadFit verdict outranks the persona score a later form would compute.
        var fit = lead.Status == LeadStatus.BadFit ? Fit.Low : FitScore.Classify(fitScore, playbook.Fit);
        var resubmitted = lead.Resubmitted(person, fitScore, fit, interest, activity, at, submission.FormId, submission.Consent, MessageOf(submission, at));

        // A raised hand is engagement: a lead silenced for not engaging hears from marketing again.
        var engaged = raisedHand ? resubmitted.UnsuppressedFrom(SuppressionReasons.NoEngagement) : resubmitted;

        // Current customers and bad fits are never put back into a sales queue by a form (seed 000).
        if (engaged.Stage >= LifecycleStage.Customer || engaged.Status is LeadStatus.CurrentCustomer or LeadStatus.BadFit)
        {
            return Decision.To(engaged);
        }

        var handRaise = raisedHand
            ? engaged.Stage < LifecycleStage.SQL || HandRaiseStatuses.Contains(engaged.Status)
            : engaged.Stage < LifecycleStage.SQL
                && (activity >= playbook.Thresholds.ActivityPointsForSql || QuadrantDefinition.HandsOff(playbook, engaged.Quadrant));

        if (!handRaise)
        {
            return Decision.To(engaged);
        }

        // A rep already working the lead keeps it: the raised hand moves the stage on, but must not put the lead back
        // in the inbox as New or restart the no-contact clock that measures the rep's work.
        return Decision.To(RepWorkStatuses.Contains(engaged.Status)
            ? engaged.AdvanceTo(LifecycleStage.SQL, at, campaign)
            : SalesRouting.HandRaise(engaged, playbook, at, campaign));
    }

    private static Lead StartInSalesInbox(Lead lead, Playbook playbook, DateTimeOffset at, string campaign)
    {
        var routed = SalesRouting.HandRaise(lead, playbook, at, campaign);
        if (routed.Stage != LifecycleStage.SQL)
        {
            return routed;
        }

        // A new person who raises a hand starts in SQL: they never sat in MQL, so no zero-length MQL visit is stamped.
        return routed.StartingHistoryAt(at, campaign);
    }

    private static bool TryRead(TransitionCommand command, Playbook playbook, out FormSubmission submission, out FormDefinition form)
    {
        submission = command.Payload.Submission!;
        form = submission is null ? null! : playbook.FindForm(submission.FormId)!;
        return submission is not null && form is not null;
    }

    private static LeadMessage? MessageOf(FormSubmission submission, DateTimeOffset at)
        => submission.Message is { } text ? new LeadMessage(text, submission.FormId, at) : null;

    private static int Points(FormDefinition form, Playbook playbook) => form.ActivityPoints ?? playbook.Thresholds.DefaultActivityPoints;

    /// <summary>Precedence: what the submission says, then the form's default, then the playbook's.</summary>
    private static string Campaign(FormSubmission submission, FormDefinition form, Playbook playbook)
        => submission.Campaign ?? form.Campaign ?? playbook.Routing.DefaultCampaign;
}
