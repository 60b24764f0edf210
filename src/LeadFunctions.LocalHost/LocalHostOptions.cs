namespace LeadFunctions.LocalHost;

/// <summary>Switches for the local conveniences; tests turn them off and bring their own emulator and clock.</summary>
internal sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>
    /// Start Azurite from node_modules when LeadStorage names a local emulator (development storage, or an explicit
    /// devstoreaccount1 string on loopback ports) and nothing listens on its table port.
    /// </summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>The started Azurite's data folder; relative paths are under the repository root.</summary>
    public string AzuriteLocation { get; set; } = ".azurite";

    /// <summary>How long a stopping Azurite may take to save its data and exit before it is killed.</summary>
    public TimeSpan AzuriteStopTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many times an Azurite that exits on its own is started again before the host gives up and stops.</summary>
    public int AzuriteMaxRestarts { get; set; } = 3;

    /// <summary>Run the four sweeps on their Sweeps:Schedules.</summary>
    public bool RunSweeps { get; set; } = true;

    /// <summary>Consume the transition queue.</summary>
    public bool RunTransitionWorker { get; set; } = true;

    /// <summary>Consume the import queue, and log each running import's progress every <see cref="ImportProgressInterval"/>.</summary>
    public bool RunImportWorker { get; set; } = true;

    public TimeSpan ImportProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs the lead-event relay pass (outbox to the local lead-events queue) every <see cref="LeadEventRelayInterval"/>.</summary>
    public bool RunLeadEventRelay { get; set; } = true;

    public TimeSpan LeadEventRelayInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between relay passes while they find nothing and this host's fast path has left nothing behind
    /// (the wait doubles from <see cref="LeadEventRelayInterval"/> up to this). A pass reads every outbox partition, which
    /// on Azurite scans the whole table each time, so an idle pass every second slowed everything else under load. A
    /// fast-path miss, a pass that found events, or a failing pass brings the wait back to the interval; a restart
    /// passes at once.
    /// </summary>
    public TimeSpan LeadEventRelayQuietInterval { get; set; } = TimeSpan.FromSeconds(8);
}
