using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>Checks <c>routing</c>: teams, reps and territory rules refer to each other correctly. Messages start with the key's path.</summary>
internal static class RoutingValidator
{
    public static void Validate(RoutingRules routing, List<string> errors)
    {
        var teams = new HashSet<string>(StringComparer.Ordinal);
        var reps = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < routing.Teams.Length; t++)
        {
            var team = routing.Teams[t];
            var path = $"$.routing.teams[{t}]";
            if (!RoutingIds.IsValid(team.Id))
            {
                errors.Add($"{path}.id: {RoutingIds.Rule}");
            }
            else if (!teams.Add(team.Id))
            {
                errors.Add($"{path}.id: team '{team.Id}' is defined twice.");
            }

            if (team.Manager is not null && !RoutingIds.IsValid(team.Manager))
            {
                errors.Add($"{path}.manager: {RoutingIds.Rule}");
            }

            if (team.Reps.IsEmpty)
            {
                errors.Add($"{path}.reps: a team needs at least one rep.");
            }

            for (var r = 0; r < team.Reps.Length; r++)
            {
                var rep = team.Reps[r];
                var repPath = $"{path}.reps[{r}]";
                if (!RoutingIds.IsValid(rep.Id))
                {
                    errors.Add($"{repPath}.id: {RoutingIds.Rule}");
                }
                else if (!reps.Add(rep.Id))
                {
                    errors.Add($"{repPath}.id: rep '{rep.Id}' is in more than one team or listed twice; a rep belongs to one team.");
                }

                if (rep.Weight is < 1 or > 100)
                {
                    errors.Add($"{repPath}.weight: must be from 1 to 100.");
                }

                if (rep.Capacity is < 1)
                {
                    errors.Add($"{repPath}.capacity: must be at least 1, or left out for no limit.");
                }
            }
        }

        if (routing.Teams.IsEmpty)
        {
            if (routing.DefaultTeam is not null || !routing.Territories.IsEmpty)
            {
                errors.Add("$.routing.teams: territories and a default team need teams to send leads to.");
            }
        }
        else if (routing.DefaultTeam is null)
        {
            errors.Add("$.routing.defaultTeam: name the team that takes leads no territory rule matches.");
        }
        else if (!teams.Contains(routing.DefaultTeam))
        {
            errors.Add($"$.routing.defaultTeam: '{routing.DefaultTeam}' is not a team in $.routing.teams.");
        }

        if (routing.ReturnToRecentOwnerDays < 0)
        {
            errors.Add("$.routing.returnToRecentOwnerDays: must not be negative (0 turns it off).");
        }

        if (routing.QueueRetryMinutes is < 1 or > 1440)
        {
            errors.Add("$.routing.queueRetryMinutes: must be from 1 to 1440 (a day).");
        }

        ValidateTerritories(routing, teams, reps, errors);
    }

    private static void ValidateTerritories(RoutingRules routing, HashSet<string> teams, HashSet<string> reps, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < routing.Territories.Length; i++)
        {
            var rule = routing.Territories[i];
            var path = $"$.routing.territories[{i}]";
            if (string.IsNullOrWhiteSpace(rule.Name) || !names.Add(rule.Name))
            {
                errors.Add($"{path}.name: every rule needs a name of its own (it is shown as the reason for an assignment).");
            }

            if ((rule.Team is null) == (rule.Rep is null))
            {
                errors.Add($"{path}: name either a team or a rep.");
            }
            else if (rule.Team is not null && !teams.Contains(rule.Team))
            {
                errors.Add($"{path}.team: '{rule.Team}' is not a team in $.routing.teams.");
            }
            else if (rule.Rep is not null && !reps.Contains(rule.Rep))
            {
                errors.Add($"{path}.rep: '{rule.Rep}' is not a rep of any team.");
            }

            var match = rule.Match;
            for (var r = 0; r < match.Regions.Length; r++)
            {
                if (!routing.Regions.ContainsKey(match.Regions[r]))
                {
                    errors.Add($"{path}.match.regions[{r}]: '{match.Regions[r]}' is not a region in $.routing.regions.");
                }
            }

            if (match.EmployeesMin is < 0 || match.EmployeesMax < match.EmployeesMin)
            {
                errors.Add($"{path}.match: employeesMin must be at least 0 and at most employeesMax.");
            }
        }
    }
}
