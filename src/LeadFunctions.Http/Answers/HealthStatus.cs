namespace LeadFunctions.Http.Answers;

/// <summary>200 from the health probe.</summary>
public sealed record HealthStatus(string Status)
{
    public static readonly HealthStatus Healthy = new("Healthy");
}
