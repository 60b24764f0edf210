namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>Why marketing e-mail to a lead stopped (seed 003: drop-outs are not re-engaged).</summary>
public static class SuppressionReasons
{
    public const string Unsubscribed = "unsubscribed";
    public const string EmailBounced = "email-bounced";

    /// <summary>Seed 003: a recycled lead that never engaged again is no longer mailed (it hurts deliverability); a raised hand lifts it.</summary>
    public const string NoEngagement = "no-engagement";
}
