using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// Puts the playbook's display names beside the canonical stage and status names of a report (issue 16, item 2). Done
/// when a report is read, not when it is computed, so a stored report speaks the words of the playbook running now.
/// </summary>
public static class VelocityNames
{
    public static VelocityReport Apply(VelocityReport report, Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(playbook);
        return report with
        {
            FromCreated = [.. report.FromCreated.Select(s => Named(s, playbook))],
            Steps = [.. report.Steps.Select(s => Named(s, playbook))],
            StatusPairs = [.. report.StatusPairs.Select(s => Named(s, playbook))],
            Cohorts = report.Cohorts is { } cohorts ? [.. cohorts.Select(c => Named(c, playbook))] : null,
        };
    }

    private static VelocityCohort Named(VelocityCohort cohort, Playbook playbook) => cohort with
    {
        FromCreated = [.. cohort.FromCreated.Select(s => Named(s, playbook))],
        Steps = [.. cohort.Steps.Select(s => Named(s, playbook))],
        StatusPairs = [.. cohort.StatusPairs.Select(s => Named(s, playbook))],
    };

    private static CreatedStep Named(CreatedStep step, Playbook playbook) => step with { ToDisplayName = playbook.NameOf(step.To) };

    private static StageStep Named(StageStep step, Playbook playbook)
        => step with { FromDisplayName = playbook.NameOf(step.From), ToDisplayName = playbook.NameOf(step.To) };

    private static StatusStep Named(StatusStep step, Playbook playbook)
        => step with { FromDisplayName = playbook.StatusDisplayName(step.From), ToDisplayName = playbook.StatusDisplayName(step.To) };
}
