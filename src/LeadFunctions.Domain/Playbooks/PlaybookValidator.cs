using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>Checks a playbook's meaning, not just its shape; every message starts with the path of the bad key.</summary>
public static class PlaybookValidator
{
    private static readonly LifecycleStage[] RequiredStages =
        [LifecycleStage.MQL, LifecycleStage.SQL, LifecycleStage.Opportunity, LifecycleStage.Customer];

    public static IReadOnlyList<string> Validate(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var errors = new List<string>();
        ValidateStages(playbook, errors);
        ValidateStatuses(playbook, errors);
        ValidateForms(playbook, errors);
        ValidateFit(playbook.Fit, errors);
        ValidateThresholds(playbook.Thresholds, errors);
        if (playbook.Interest.HalfLifeDays < 0)
        {
            errors.Add("$.interest.halfLifeDays: must not be negative (0 keeps scores for ever).");
        }

        ValidateCalendar(playbook.BusinessCalendar, errors);
        ValidateTransitions(playbook, errors);
        RoutingValidator.Validate(playbook.Routing, errors);
        ValidateQuadrants(playbook, errors);
        SlaValidator.Validate(playbook, errors);
        return errors;
    }

    private static void ValidateQuadrants(Playbook playbook, List<string> errors)
    {
        foreach (var quadrant in Enum.GetValues<Quadrant>().Where(q => !playbook.Quadrants.ContainsKey(q)))
        {
            errors.Add($"$.quadrants.{quadrant}: every fit x interest quadrant needs a definition.");
        }

        foreach (var (quadrant, definition) in playbook.Quadrants)
        {
            if (definition.NotInterestedStatus is not { } status)
            {
                continue;
            }

            var path = $"$.quadrants.{quadrant}.notInterestedStatus";
            if (status == LeadStatus.New)
            {
                errors.Add($"{path}: 'New' is the sales inbox; a lead that said no cannot go back there.");
            }
            else if (playbook.DefinitionOf(status) is null)
            {
                errors.Add($"{path}: '{status}' is not one of the playbook's statuses.");
            }
        }
    }

    private static void ValidateStages(Playbook playbook, List<string> errors)
    {
        var names = playbook.Stages.Select(s => s.Name).ToList();
        for (var i = 1; i < names.Count; i++)
        {
            if (names[i] <= names[i - 1])
            {
                errors.Add($"$.stages[{i}].name: '{names[i]}' is out of order or repeated; stages run Subscriber, Lead, MQL, SAL, SQL, Opportunity, Customer, Evangelist.");
            }
        }

        foreach (var required in RequiredStages)
        {
            var index = names.IndexOf(required);
            if (index < 0 || !playbook.Stages[index].Enabled)
            {
                errors.Add($"$.stages: stage '{required}' is required and must be enabled.");
            }
        }

        ValidateRegressTargets(playbook, errors);
    }

    private static void ValidateRegressTargets(Playbook playbook, List<string> errors)
    {
        for (var i = 0; i < playbook.Stages.Length; i++)
        {
            var stage = playbook.Stages[i];
            var targets = stage.RegressTo ?? [];
            for (var j = 0; j < targets.Length; j++)
            {
                if (targets[j] >= stage.Name)
                {
                    errors.Add($"$.stages[{i}].regressTo[{j}]: '{targets[j]}' is not earlier than '{stage.Name}'; a lead can only be moved back.");
                }
            }
        }
    }

    private static void ValidateStatuses(Playbook playbook, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < playbook.Statuses.Length; i++)
        {
            var status = playbook.Statuses[i];
            var path = $"$.statuses[{i}]";
            if (!seen.Add(status.Name))
            {
                errors.Add($"{path}.name: '{status.Name}' is defined twice (names are compared ignoring case).");
            }

            if (status.IsBuiltIn())
            {
                ValidateBuiltInRole(status, path, errors);
            }
            else
            {
                CustomStatusValidator.Validate(playbook, status, path, errors);
            }

            ValidateFrom(playbook, status, path, errors);
        }

        foreach (var missing in Enum.GetValues<LeadStatus>().Where(s => playbook.DefinitionOf(s) is null))
        {
            errors.Add($"$.statuses: status '{missing}' needs a definition (give it the company's display name).");
        }
    }

    private static void ValidateBuiltInRole(StatusDefinition status, string path, List<string> errors)
    {
        var own = StatusRoles.RoleOf(status.ActsAs()!.Value);
        if (status.Role is { } role && role != own)
        {
            errors.Add(own is null
                ? $"{path}.role: '{status.Name}' is built in and has no role; remove the key."
                : $"{path}.role: '{status.Name}' is built in and its role is '{own}'; remove the key or write '{own}'.");
        }
    }

    private static void ValidateFrom(Playbook playbook, StatusDefinition status, string path, List<string> errors)
    {
        var from = status.From ?? [];
        if (status.From is { IsEmpty: true })
        {
            errors.Add($"{path}.from: list at least one status, or remove the key so StatusSet cannot move a lead into '{status.Name}'.");
        }

        for (var j = 0; j < from.Length; j++)
        {
            if (playbook.FindStatus(from[j]) is null)
            {
                errors.Add($"{path}.from[{j}]: '{from[j]}' is not one of the playbook's statuses.");
            }
        }
    }

    private static void ValidateForms(Playbook playbook, List<string> errors)
    {
        if (playbook.Forms.Count == 0)
        {
            errors.Add("$.forms: at least one form is required.");
        }

        foreach (var (id, form) in playbook.Forms)
        {
            if (!FormIds.IsValid(id))
            {
                errors.Add($"$.forms.{id}: form ids are 1-64 lower-case letters, digits and hyphens.");
            }

            if (form.ActivityPoints is < 0)
            {
                errors.Add($"$.forms.{id}.activityPoints: must not be negative.");
            }

            if (form.Campaign is { Length: > 100 })
            {
                errors.Add($"$.forms.{id}.campaign: must be at most 100 characters.");
            }
        }
    }

    private static void ValidateFit(FitRules fit, List<string> errors)
    {
        if (fit.CompanySize is { } size && (size.Min < 0 || size.Max < size.Min))
        {
            errors.Add("$.fit.companySize: min must be at least 0 and at most max.");
        }
    }

    private static void ValidateThresholds(Thresholds t, List<string> errors)
    {
        Positive(t.ActivityPointsForSql, "activityPointsForSql", errors);
        Positive(t.NoContactDays, "noContactDays", errors);
        Positive(t.DarkAfterDays, "darkAfterDays", errors);
        Positive(t.NewSlaBusinessDays, "newSlaBusinessDays", errors);
        Positive(t.CheckBackMonths, "checkBackMonths", errors);
        Positive(t.DeadOpportunityResurfaceMonths, "deadOpportunityResurfaceMonths", errors);
        if (t.DefaultActivityPoints < 0)
        {
            errors.Add("$.thresholds.defaultActivityPoints: must not be negative.");
        }

        if (t.NoEngagementSuppressDays < 0)
        {
            errors.Add("$.thresholds.noEngagementSuppressDays: must not be negative (0 turns it off).");
        }
    }

    private static void Positive(int value, string key, List<string> errors)
    {
        if (value <= 0)
        {
            errors.Add($"$.thresholds.{key}: must be greater than zero.");
        }
    }

    private static void ValidateCalendar(BusinessCalendarSettings calendar, List<string> errors)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZone, out _))
        {
            errors.Add($"$.businessCalendar.timeZone: '{calendar.TimeZone}' is not a known time zone id.");
        }

        if (calendar.Weekend.Distinct().Count() >= 7)
        {
            errors.Add("$.businessCalendar.weekend: at least one day of the week must be a business day.");
        }

        for (var i = 0; i < calendar.RecurringHolidays.Length; i++)
        {
            var holiday = calendar.RecurringHolidays[i];
            var path = $"$.businessCalendar.recurringHolidays[{i}]";
            if (holiday.Month is < 1 or > 12)
            {
                errors.Add($"{path}.month: must be from 1 to 12.");
            }
            else if ((holiday.Day is null) == (holiday.Weekday is null))
            {
                errors.Add($"{path}: give either a day of the month, or a weekday with nth.");
            }
            else if (holiday.Day is { } day && (day < 1 || day > DateTime.DaysInMonth(2024, holiday.Month)))
            {
                errors.Add($"{path}.day: month {holiday.Month} has no day {day}.");
            }
            else if (holiday.Weekday is not null && holiday.Nth is not (1 or 2 or 3 or 4 or 5 or -1))
            {
                errors.Add($"{path}.nth: 1 to 5 for the first to fifth such weekday, or -1 for the last.");
            }
            else if (holiday.Day is not null && holiday.Nth is not null)
            {
                errors.Add($"{path}.nth: only with a weekday.");
            }
        }
    }

    private static void ValidateTransitions(Playbook playbook, List<string> errors)
    {
        foreach (var (type, rule) in playbook.Transitions)
        {
            if (type == TransitionType.StatusSet)
            {
                errors.Add($"$.transitions.{type}: StatusSet follows each status's own \"from\" list ($.statuses[*].from); remove this key.");
            }
            else if (type.IsIntake() || type.IsSystem())
            {
                errors.Add($"$.transitions.{type}: intake and sweep commands check their own preconditions; remove this key.");
            }
            else if (rule.From.IsEmpty)
            {
                errors.Add($"$.transitions.{type}.from: list at least one status, or remove the key to allow every status.");
            }
        }
    }
}
