using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LeadFunctions.Storage;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>
/// Starts the Azure Storage emulator from the repository's node_modules when the app uses development storage and
/// nothing listens on the table port yet, and stops it again on shutdown. An Azurite someone already runs is left alone.
/// </summary>
internal sealed partial class AzuriteLauncher : IHostedService, IDisposable
{
    private const int TablePort = 10002;
    private const int QueuePort = 10001;
    private readonly LeadStorageOptions _storage;
    private readonly LocalHostOptions _options;
    private readonly IHostEnvironment _environment;
    private readonly ILogger<AzuriteLauncher> _logger;
    private Process? _process;

    public AzuriteLauncher(IOptions<LeadStorageOptions> storage, IOptions<LocalHostOptions> options, IHostEnvironment environment, ILogger<AzuriteLauncher> logger)
    {
        _storage = storage.Value;
        _options = options.Value;
        _environment = environment;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.StartAzurite
            || !string.Equals(_storage.ConnectionString?.Trim(), "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            || Accepts(TablePort))
        {
            return;
        }

        var root = RepositoryFolders.Root(_environment.ContentRootPath);
        var script = root is null ? null : Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (script is null || !File.Exists(script))
        {
            LogNotInstalled();
            return;
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { script, "--silent", "--skipApiVersionCheck", "--location", Path.Combine(root!, ".azurite") })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        LogStarted(_process.Id);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!(Accepts(TablePort) && Accepts(QueuePort)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start with code {_process.ExitCode}; is another emulator holding its ports?");
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false })
        {
            LogStopping(_process.Id);
            _process.Kill(entireProcessTree: true);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _process?.Dispose();

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (process {ProcessId}) with data in .azurite")]
    private partial void LogStarted(int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping Azurite (process {ProcessId})")]
    private partial void LogStopping(int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite is not installed (run `npm ci` at the repository root); expecting an emulator on 127.0.0.1:10002")]
    private partial void LogNotInstalled();
}

internal static class RepositoryFolders
{
    /// <summary>The folder holding LeadFunctions.sln, searched upwards from the content root and then from the binaries.</summary>
    public static string? Root(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LeadFunctions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
