namespace LeadFunctions.Engine.Sweeps;

public enum SweepRunState
{
    Running,
    Completed,
    Failed,

    /// <summary>Stopped with its host; the next run picks up what it left.</summary>
    Interrupted,
}
