using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>Checks <c>sla</c>: each status's days, warning and breach action make sense. Messages start with the key's path.</summary>
internal static class SlaValidator
{
    private const int HoursPerDay = 24;

    public static void Validate(Playbook playbook, List<string> errors)
    {
        foreach (var (status, sla) in playbook.Sla)
        {
            var path = $"$.sla.{status}";
            var definition = playbook.DefinitionOf(status);
            if (definition is null)
            {
                errors.Add($"{path}: '{status}' is not one of the playbook's statuses.");
                continue;
            }

            var days = sla.BusinessDays ?? (status == LeadStatus.New ? playbook.Thresholds.NewSlaBusinessDays : (int?)null);
            if (days is null)
            {
                errors.Add($"{path}.businessDays: required (only New falls back to thresholds.newSlaBusinessDays).");
            }
            else if (days <= 0)
            {
                errors.Add($"{path}.businessDays: must be greater than zero.");
            }

            if (sla.WarnBeforeHours < 0)
            {
                errors.Add($"{path}.warnBeforeHours: must not be negative (0 means no warning).");
            }
            else if (days > 0 && sla.WarnBeforeHours >= days * HoursPerDay)
            {
                // Business days are at least 24 clock hours each, so this is the longest warning that can come after the clock starts.
                errors.Add($"{path}.warnBeforeHours: {sla.WarnBeforeHours} hours is not shorter than the SLA itself ({days} business days).");
            }

            if (!Enum.IsDefined(sla.OnBreach))
            {
                errors.Add($"{path}.onBreach: must be Reassign, Escalate or None.");
            }
            else if (sla.OnBreach != SlaBreachAction.None && definition.Owner != Team.Sales)
            {
                errors.Add($"{path}.onBreach: '{status}' is worked by {definition.Owner}, which has no reps to reassign or escalate to; use None.");
            }
        }
    }
}
