namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>Why marketing e-mail to a lead stopped (seed 003: drop-outs are not re-engaged).</summary>
public static class SuppressionReasons
{
    public const string Unsubscribed = "unsubscribed";
    public const string EmailBounced = "email-bounced";
}
