using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Routing;

/// <summary>Territory -> team: the playbook's ordered rules, then its default team.</summary>
public static class TerritoryRouter
{
    /// <returns>Null when the playbook defines no teams (routing is off).</returns>
    public static RouteMatch? Route(RoutingRules routing, Person person, string? formId, Quadrant quadrant)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(person);
        if (routing.Teams.IsEmpty)
        {
            return null;
        }

        foreach (var rule in routing.Territories)
        {
            if (Matches(rule.Match, routing, person, formId, quadrant))
            {
                var team = rule.Team ?? routing.TeamOf(rule.Rep)?.Id
                    ?? throw new InvalidOperationException($"Territory rule '{rule.Name}' names no known team or rep; the playbook validator should have refused it.");
                return new RouteMatch(rule.Name, team, rule.Rep);
            }
        }

        return new RouteMatch(null, routing.DefaultTeam ?? routing.Teams[0].Id, null);
    }

    private static bool Matches(TerritoryMatch match, RoutingRules routing, Person person, string? formId, Quadrant quadrant)
    {
        var country = person.Country;
        return (match.Countries.IsEmpty || (country is not null && match.Countries.Contains(country, StringComparer.OrdinalIgnoreCase)))
            && (match.Regions.IsEmpty || (country is not null && match.Regions.Any(region =>
                routing.Regions.TryGetValue(region, out var countries) && countries.Contains(country, StringComparer.OrdinalIgnoreCase))))
            && (match.EmployeesMin is not { } min || person.Employees >= min)
            && (match.EmployeesMax is not { } max || person.Employees <= max)
            && (match.EmailDomains.IsEmpty || match.EmailDomains.Contains(person.EmailDomain, StringComparer.OrdinalIgnoreCase))
            && (match.Forms.IsEmpty || (formId is not null && match.Forms.Contains(formId, StringComparer.Ordinal)))
            && (match.Quadrants.IsEmpty || match.Quadrants.Contains(quadrant));
    }
}
