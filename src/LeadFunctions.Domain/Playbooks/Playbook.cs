using System.Collections.Immutable;
using LeadFunctions.Domain.Calendar;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>
/// Everything a company decides about its own funnel: vocabulary, forms, fit rules, thresholds, calendar,
/// and which statuses each command may leave. Loaded from JSON and validated before the app takes traffic.
/// </summary>
public sealed record Playbook
{
    public string Name { get; init; } = "Playbook";
    public ImmutableArray<StageDefinition> Stages { get; init; } = [];
    public ImmutableArray<StatusDefinition> Statuses { get; init; } = [];
    public ImmutableDictionary<Quadrant, QuadrantDefinition> Quadrants { get; init; } = ImmutableDictionary<Quadrant, QuadrantDefinition>.Empty;
    public ImmutableDictionary<string, FormDefinition> Forms { get; init; } = ImmutableDictionary<string, FormDefinition>.Empty;
    public FitRules Fit { get; init; } = new();
    public InterestRules Interest { get; init; } = new();
    public Thresholds Thresholds { get; init; } = new();
    public BusinessCalendarSettings BusinessCalendar { get; init; } = new();
    public RoutingRules Routing { get; init; } = new();
    public ImmutableDictionary<TransitionType, TransitionRule> Transitions { get; init; } = ImmutableDictionary<TransitionType, TransitionRule>.Empty;
    public SweepRules Sweeps { get; init; } = new();

    /// <summary>Per-status service levels. New always has one (falling back to <see cref="Thresholds.NewSlaBusinessDays"/>).</summary>
    public ImmutableDictionary<LeadStatus, StatusSla> Sla { get; init; } = ImmutableDictionary<LeadStatus, StatusSla>.Empty;

    /// <summary>The service level of <paramref name="status"/> with its days resolved, or null when the status has none.</summary>
    public StatusSla? SlaFor(LeadStatus status)
    {
        var sla = Sla.GetValueOrDefault(status) ?? (status == LeadStatus.New ? new StatusSla() : null);
        return sla is { BusinessDays: null } && status == LeadStatus.New ? sla with { BusinessDays = Thresholds.NewSlaBusinessDays } : sla;
    }

    public bool IsEnabled(LifecycleStage stage) => Stages.Any(s => s.Name == stage && s.Enabled);

    public FormDefinition? FindForm(string formId) => Forms.GetValueOrDefault(formId);

    /// <summary>The company's word for a stage ("Sales Qualified Lead"), or its canonical name when the playbook gives none.</summary>
    public string NameOf(LifecycleStage stage) => Stages.FirstOrDefault(s => s.Name == stage)?.DisplayName ?? stage.ToString();

    /// <summary>The company's word for a built-in status, or its canonical name.</summary>
    public string NameOf(LeadStatus status) => DefinitionOf(status)?.DisplayName ?? status.ToString();

    /// <summary>The company's word for a status named by its canonical name, built-in or custom ("Hot! Hot! Hot!"), or that name.</summary>
    public string StatusDisplayName(string statusName) => FindStatus(statusName)?.DisplayName ?? statusName;

    /// <summary>The definition of a status by its canonical name (built-in or the playbook's own); null when there is none.</summary>
    public StatusDefinition? FindStatus(string? statusName)
        => Statuses.FirstOrDefault(s => string.Equals(s.Name, statusName, StringComparison.Ordinal));

    /// <summary>The definition of a built-in status.</summary>
    public StatusDefinition? DefinitionOf(LeadStatus status) => FindStatus(status.ToString());

    /// <summary>The team that owns a lead in the named status; null when the playbook does not know the name.</summary>
    public Team? OwnerOfStatus(string statusName) => FindStatus(statusName)?.Owner;

    /// <summary>The company's word for a quadrant ("Hot! Hot! Hot!"), or its canonical name.</summary>
    public string NameOf(Quadrant quadrant) => Quadrants.GetValueOrDefault(quadrant)?.DisplayName ?? quadrant.ToString();
}

public sealed record StageDefinition
{
    public LifecycleStage Name { get; init; }
    public string? DisplayName { get; init; }
    public Team Owner { get; init; }
    public bool Enabled { get; init; } = true;
    public string? Description { get; init; }

    /// <summary>
    /// The earlier stages a lead in this stage may be moved back to. Absent: any earlier enabled stage, except for
    /// customers (Customer and Evangelist), who are never moved back unless the playbook lists where they may go.
    /// </summary>
    public ImmutableArray<LifecycleStage>? RegressTo { get; init; }
}

/// <summary>
/// A status of the funnel: one of the built-in ones (its name is its role), or the company's own (issue 16, item 1),
/// which names the <see cref="Role"/> whose rules it follows. <see cref="From"/> lists the statuses a StatusSet event may
/// move a lead from into this one; without it StatusSet cannot reach it.
/// </summary>
public sealed record StatusDefinition
{
    /// <summary>The canonical name the API speaks: a built-in status's name, or the company's own ("HotHotHot").</summary>
    public string Name { get; init; } = "";
    public string? DisplayName { get; init; }

    /// <summary>A custom status's role (<see cref="StatusRoles.Names"/>); a built-in status's own role, when listed.</summary>
    public string? Role { get; init; }
    public Team Owner { get; init; }
    public string? Description { get; init; }

    /// <summary>The statuses (canonical names) a StatusSet event may move a lead from into this one.</summary>
    public ImmutableArray<string>? From { get; init; }

    /// <summary>A method, not a property, so it stays out of the serialised playbook.</summary>
    public bool IsBuiltIn() => StatusRoles.IsBuiltIn(Name, out _);

    /// <summary>The built-in status whose rules this one follows: itself when built in, its role's otherwise; null when the role is unknown.</summary>
    public LeadStatus? ActsAs() => StatusRoles.IsBuiltIn(Name, out var builtIn) ? builtIn : StatusRoles.StatusOf(Role);
}

/// <summary>The company's own name for a fit x interest quadrant ("Hot! Hot! Hot!") and who works it.</summary>
public sealed record QuadrantDefinition
{
    public string? DisplayName { get; init; }
    public Team Owner { get; init; }
    public string? Play { get; init; }

    /// <summary>
    /// A lead that reaches this quadrant through its activity goes to sales at once, before the activity threshold
    /// (seed 004: "Hot! Hot! Hot!" is handed off immediately).
    /// </summary>
    public bool HandOff { get; init; }

    /// <summary>
    /// Where a lead goes when a rep hears "not interested" and its interest drop lands it in this quadrant. Absent: it is
    /// disqualified. The default playbook nurtures a good fit (seed 004's "Sleeping Giant") instead of writing it off.
    /// </summary>
    public LeadStatus? NotInterestedStatus { get; init; }

    public static bool HandsOff(Playbook playbook, Quadrant quadrant)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        return playbook.Quadrants.GetValueOrDefault(quadrant)?.HandOff == true;
    }
}

public enum FormIntent
{
    Informational,
    ActionOriented,
}

public sealed record FormDefinition
{
    public FormIntent Intent { get; init; }
    public string? DisplayName { get; init; }
    public string? Campaign { get; init; }
    public int? ActivityPoints { get; init; }
}

public sealed record FitRules
{
    public int BaseScore { get; init; }
    public int GoodFitMinScore { get; init; } = 50;
    public CompanySizeRule? CompanySize { get; init; }
    public ValueListRule? Countries { get; init; }
    public ValueListRule? JobTitleKeywords { get; init; }
    public ValueListRule? PersonalEmailDomains { get; init; }
}

public sealed record CompanySizeRule
{
    public int Min { get; init; }
    public int Max { get; init; } = int.MaxValue;
    public int Points { get; init; }
}

public sealed record ValueListRule
{
    public ImmutableArray<string> Values { get; init; } = [];
    public int Points { get; init; }
}

public sealed record InterestRules
{
    /// <summary>Activity score from which an informational lead counts as high interest.</summary>
    public int HighInterestScore { get; init; } = 50;

    /// <summary>
    /// Days for a marketing lead's activity score to halve without new activity, so "high interest" reflects current
    /// priorities; 0 keeps scores for ever.
    /// </summary>
    public int HalfLifeDays { get; init; }
}

public sealed record Thresholds
{
    public int ActivityPointsForSql { get; init; } = 100;
    public int DefaultActivityPoints { get; init; } = 10;
    public int NoContactDays { get; init; } = 30;
    public int DarkAfterDays { get; init; } = 90;
    public int NewSlaBusinessDays { get; init; } = 3;
    public int CheckBackMonths { get; init; } = 3;

    /// <summary>
    /// A check-back that comes due goes back to the sales inbox (SQL / New) for a rep to pick up; off, it stays in
    /// Check Back Quarterly, flagged, and comes round again every cadence until a rep works it.
    /// </summary>
    public bool CheckBackHandsToSales { get; init; } = true;
    public int DeadOpportunityResurfaceMonths { get; init; } = 6;

    /// <summary>A recycled lead with no activity for this many days after recycling is no longer mailed; 0 turns it off.</summary>
    public int NoEngagementSuppressDays { get; init; }
}

public sealed record BusinessCalendarSettings
{
    public string TimeZone { get; init; } = "UTC";
    public ImmutableArray<DayOfWeek> Weekend { get; init; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>One-off days off (an observed holiday, a company day); they run out, so keep them topped up.</summary>
    public ImmutableArray<DateOnly> Holidays { get; init; } = [];

    /// <summary>Holidays that come back every year: fixed dates and nth weekdays of a month.</summary>
    public ImmutableArray<RecurringHoliday> RecurringHolidays { get; init; } = [];

    /// <summary>The last day the calendar knows holidays for; null when recurring rules keep it defined for ever.</summary>
    public DateOnly? HolidaysDefinedUntil => RecurringHolidays.IsEmpty ? (Holidays.IsEmpty ? DateOnly.MinValue : Holidays.Max()) : null;
}

public sealed record RoutingRules
{
    /// <summary>Seed 001: low-fit hand-raisers go to nurture, not into the sales inbox.</summary>
    public bool KeepLowFitHandRaisersOutOfSalesInbox { get; init; } = true;
    public string DefaultCampaign { get; init; } = "website";

    /// <summary>The sales teams and their reps. Empty: leads reach the sales inbox without an owner, as before routing.</summary>
    public ImmutableArray<TeamDefinition> Teams { get; init; } = [];

    /// <summary>Ordered: the first rule that matches a lead decides its team (or rep).</summary>
    public ImmutableArray<TerritoryRule> Territories { get; init; } = [];

    /// <summary>Named groups of countries that territory rules can match on ("emea", "dach").</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Regions { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    /// <summary>The team for a lead no territory rule matches.</summary>
    public string? DefaultTeam { get; init; }

    /// <summary>A lead handed to sales again within this many days goes back to its previous owner when they can take it.</summary>
    public int ReturnToRecentOwnerDays { get; init; } = 90;

    /// <summary>
    /// How long a lead waits in its team's queue before routing tries again when no rep said when they are back (a rep
    /// at capacity, or out with no return date); a rep who sets themselves available is offered the queue at once.
    /// </summary>
    public int QueueRetryMinutes { get; init; } = 60;

    public TeamDefinition? FindTeam(string? teamId) => Teams.FirstOrDefault(t => t.Id == teamId);

    public TeamDefinition? TeamOf(string? repId) => Teams.FirstOrDefault(t => t.FindRep(repId ?? string.Empty) is not null);
}

/// <summary>The statuses a command may be applied from; anything else is rejected with a reason.</summary>
public sealed record TransitionRule
{
    public ImmutableArray<LeadStatus> From { get; init; } = [];
}

public sealed record SweepRules
{
    public ImmutableArray<LeadStatus> NoContactStatuses { get; init; } = [LeadStatus.New, LeadStatus.ActivelyWorking];
    public ImmutableArray<LeadStatus> RecycleDarkStatuses { get; init; } = [];
}
