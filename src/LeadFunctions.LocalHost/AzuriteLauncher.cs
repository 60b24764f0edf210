using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LeadFunctions.Storage;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>
/// Starts the Azure Storage emulator from the repository's node_modules when the app uses a local emulator and nothing
/// listens on its table port yet, starts it again (a bounded number of times) when it exits on its own, and stops it
/// on shutdown the way it saves: SIGTERM, then a bounded wait for it to exit. Registered first, it stops last, after
/// Kestrel has stopped taking requests and finished the ones in flight. An Azurite someone already runs is left alone.
/// </summary>
internal sealed partial class AzuriteLauncher : IHostedService, IDisposable
{
    private const string SetSid = "/usr/bin/setsid";
    private readonly LeadStorageOptions _storage;
    private readonly LocalHostOptions _options;
    private readonly IHostEnvironment _environment;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<AzuriteLauncher> _logger;
    private readonly Lock _gate = new();
    private EmulatorPorts? _ports;
    private ProcessStartInfo? _start;
    private Process? _process;
    private int _restarts;
    private bool _stopping;

    public AzuriteLauncher(IOptions<LeadStorageOptions> storage, IOptions<LocalHostOptions> options, IHostEnvironment environment, IHostApplicationLifetime lifetime, ILogger<AzuriteLauncher> logger)
    {
        _storage = storage.Value;
        _options = options.Value;
        _environment = environment;
        _lifetime = lifetime;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ports = EmulatorPorts.From(_storage.ConnectionString);
        if (!_options.StartAzurite || _ports is null || Accepts(_ports.Table))
        {
            return;
        }

        var root = RepositoryFolders.Root(_environment.ContentRootPath);
        var script = root is null ? null : Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (script is null || !File.Exists(script))
        {
            LogNotInstalled(_ports.Table);
            return;
        }

        _start = StartInfo(root!, script, Path.Combine(root!, _options.AzuriteLocation), _ports);
        var process = Launch();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!(Accepts(_ports.Table) && Accepts(_ports.Queue)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start with code {process.ExitCode}; is another emulator holding ports {_ports.Queue} and {_ports.Table}?");
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Process? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }

        if (process is null || process.HasExited)
        {
            return;
        }

        LogStopping(process.Id);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_options.AzuriteStopTimeout);
        try
        {
            // Azurite's SIGTERM handler closes its servers and saves its LokiJS databases, which otherwise reach disk
            // only on a 5 s timer: killing it outright loses the writes the host has just acknowledged.
            if (OperatingSystem.IsWindows() || !UnixSignals.Terminate(process.Id))
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(wait.Token);
            LogStopped(process.Id);
        }
        catch (OperationCanceledException)
        {
            LogKilled(process.Id, _options.AzuriteStopTimeout.TotalSeconds);
            process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose() => _process?.Dispose();

    private static ProcessStartInfo StartInfo(string root, string script, string location, EmulatorPorts ports)
    {
        // In its own session, so a terminal's Ctrl+C reaches only the host, which stops Azurite after Kestrel. setsid
        // execs node in place (a fresh child is no group leader), so the process id stays the emulator's.
        var ownSession = OperatingSystem.IsLinux() && File.Exists(SetSid);
        var start = new ProcessStartInfo(ownSession ? SetSid : "node")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            // Never the caller's terminal: a background child that touches a TTY is stopped (state T) by job control and outlives its run.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Without --disableTelemetry a stopping Azurite waits for its telemetry upload, which never ends offline.
        if (ownSession)
        {
            start.ArgumentList.Add("node");
        }

        foreach (var arg in new[] { "--require", Path.Combine(root, "scripts", "azurite", "exit-with-owner.cjs"), script, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", location })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, port) in new[] { ("--blobPort", ports.Blob), ("--queuePort", ports.Queue), ("--tablePort", ports.Table) })
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        return start;
    }

    private Process Launch()
    {
        var process = Process.Start(_start!) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => OnExited(process);
        lock (_gate)
        {
            _process = process;
        }

        LogStarted(process.Id, _options.AzuriteLocation, _ports!.Table);
        return process;
    }

    /// <summary>An emulator that exits while the host runs is started again on the same folder, a bounded number of times.</summary>
    private void OnExited(Process process)
    {
        lock (_gate)
        {
            if (_stopping || _lifetime.ApplicationStopping.IsCancellationRequested || !ReferenceEquals(process, _process))
            {
                return;
            }

            _restarts++;
            if (_restarts > _options.AzuriteMaxRestarts)
            {
                LogGaveUp(process.Id, process.ExitCode, _options.AzuriteMaxRestarts);
                Environment.ExitCode = 1;
                _stopping = true;
                _lifetime.StopApplication();
                return;
            }

            LogRestarting(process.Id, process.ExitCode, _restarts, _options.AzuriteMaxRestarts);
        }

        try
        {
            Launch();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            LogGaveUp(process.Id, process.ExitCode, _options.AzuriteMaxRestarts);
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
        }
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (process {ProcessId}) with data in {Location}, tables on port {TablePort}")]
    private partial void LogStarted(int processId, string location, int tablePort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping Azurite (process {ProcessId}): it saves its data and exits")]
    private partial void LogStopping(int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite (process {ProcessId}) saved its data and exited")]
    private partial void LogStopped(int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite (process {ProcessId}) did not exit within {Seconds} s of SIGTERM; killed it, so its last writes may be lost")]
    private partial void LogKilled(int processId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite (process {ProcessId}) exited with code {ExitCode}; starting it again (restart {Restart} of {MaxRestarts})")]
    private partial void LogRestarting(int processId, int exitCode, int restart, int maxRestarts);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Azurite (process {ProcessId}) exited with code {ExitCode} after {MaxRestarts} restarts; stopping the host (is something else using its ports or its data folder?)")]
    private partial void LogGaveUp(int processId, int exitCode, int maxRestarts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite is not installed (run `npm ci` at the repository root); expecting an emulator on 127.0.0.1:{TablePort}")]
    private partial void LogNotInstalled(int tablePort);
}
