namespace LeadFunctions.Engine.Sweeps;

/// <summary>An NCRONTAB schedule with seconds ("0 */30 * * * *"), as Azure Functions timer triggers read it.</summary>
public sealed class SweepTimer
{
    public string Schedule { get; set; } = string.Empty;

    public static bool IsNcrontab(string? schedule)
        => schedule?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 6 };
}
