namespace LeadFunctions.LocalHost;

/// <summary>Switches for the local conveniences; tests turn them off and bring their own emulator and clock.</summary>
internal sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>Start Azurite from node_modules when LeadStorage uses development storage and nothing listens on 10002.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Run the four sweeps on their Sweeps:Schedules.</summary>
    public bool RunSweeps { get; set; } = true;

    /// <summary>Consume the transition queue.</summary>
    public bool RunTransitionWorker { get; set; } = true;
}
