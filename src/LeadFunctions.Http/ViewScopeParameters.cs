using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Engine.Views;
using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http;

/// <summary>
/// The team, territory, quadrant and suppressed parameters of GET /api/leads (issue 14, item 7). Teams and territories
/// are checked against the deployed playbook, so a typo answers 400 with the accepted names instead of an empty view.
/// </summary>
internal static class ViewScopeParameters
{
    public static LeadFilter Read(IQueryCollection query, RoutingRules routing, List<FieldError> errors)
    {
        var team = OneOf(query, "team", [.. routing.Teams.Select(t => t.Id)], errors);
        var territory = OneOf(query, "territory", [.. routing.Territories.Select(t => t.Name)], errors);
        var quadrant = ViewEndpoints.Enum<Quadrant>(query, "quadrant", errors);
        bool? suppressed = null;
        var rawSuppressed = ViewEndpoints.Single(query, "suppressed", errors);
        if (rawSuppressed is not null)
        {
            if (bool.TryParse(rawSuppressed, out var value))
            {
                suppressed = value;
            }
            else
            {
                errors.Add(new FieldError("suppressed", "Must be true or false."));
            }
        }

        return new LeadFilter(Team: team, Territory: territory, Quadrant: quadrant, Suppressed: suppressed);
    }

    private static string? OneOf(IQueryCollection query, string name, IReadOnlyList<string> accepted, List<FieldError> errors)
    {
        var raw = ViewEndpoints.Single(query, name, errors);
        if (raw is null || accepted.Contains(raw, StringComparer.Ordinal))
        {
            return raw;
        }

        errors.Add(new FieldError(name, accepted.Count == 0 ? $"The playbook names no {name}; leave it out." : $"Must be one of: {string.Join(", ", accepted)}."));
        return null;
    }
}
