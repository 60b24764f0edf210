using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Transitions;

/// <summary>What a rule decided: the changed lead, or a refusal with a machine-readable code.</summary>
public readonly record struct Decision(Lead? Next, string? RejectionCode)
{
    public static Decision To(Lead next) => new(next, null);

    public static Decision Reject(string code) => new(null, code);
}
