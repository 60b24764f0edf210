using System.Collections.Immutable;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>
/// The words a client of the API needs, taken from the playbook: forms, the event types accepted from outside, stages,
/// statuses (the playbook's own with their roles) and quadrants with the company's display names. Rules and thresholds stay out: they are not vocabulary.
/// </summary>
public sealed record PlaybookVocabulary(
    string Name,
    ImmutableArray<FormTerm> Forms,
    ImmutableArray<ExternalEventType> EventTypes,
    ImmutableArray<StageDefinition> Stages,
    ImmutableArray<StatusDefinition> Statuses,
    ImmutableArray<QuadrantTerm> Quadrants)
{
    /// <summary>A method, not a property, so it stays out of the serialised vocabulary.</summary>
    public IEnumerable<string> FormIds() => Forms.Select(f => f.Id);

    public static PlaybookVocabulary Of(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        return new PlaybookVocabulary(
            playbook.Name,
            [.. playbook.Forms.OrderBy(f => f.Value.Intent).ThenBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new FormTerm(f.Key, f.Value.Intent, f.Value.DisplayName ?? f.Key))],
            ExternalEventTypes.All,
            [.. playbook.Stages.OrderBy(s => s.Name).Select(s => s with { DisplayName = s.DisplayName ?? s.Name.ToString() })],
            // Built-in statuses in funnel order, then the playbook's own; each with the role whose rules it follows.
            [.. playbook.Statuses.OrderBy(s => s.Name, StatusOrder.Comparer).Select(s => s with
            {
                DisplayName = s.DisplayName ?? s.Name,
                Role = s.ActsAs() is { } role ? StatusRoles.RoleOf(role) : s.Role,
            })],
            [.. playbook.Quadrants.OrderBy(q => q.Key).Select(q => new QuadrantTerm(q.Key, q.Value.DisplayName ?? q.Key.ToString(), q.Value.Owner, q.Value.Play))]);
    }
}
