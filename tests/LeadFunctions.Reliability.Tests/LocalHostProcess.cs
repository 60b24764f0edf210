using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Reliability.Tests;

/// <summary>
/// The built local host as its own process, the way scripts/run.sh runs it, starting and stopping its own Azurite on
/// free ports with its own data folder (never the well-known 10000-10002, so parallel runs do not collide).
/// Restarting with the same <see cref="LocalHostSetup"/> comes back to the same data.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    public const string ApiKey = "process-test-api-key-0123456789";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private LocalHostProcess(Process process, ConcurrentQueue<string> output, LocalHostSetup setup)
    {
        _process = process;
        _output = output;
        Setup = setup;
        Client = new HttpClient { BaseAddress = setup.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
    }

    public LocalHostSetup Setup { get; }

    public HttpClient Client { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output);

    /// <summary>Starts the host; returns once /api/health answers 200, or throws with the host's output.</summary>
    public static async Task<LocalHostProcess> StartAsync(LocalHostSetup setup, IDictionary<string, string>? settings = null)
    {
        var host = Launch(setup, settings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!timeout.IsCancellationRequested)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The host exited at start with code {host._process.ExitCode}:\n{host.Output}");
            }

            try
            {
                using var health = await host.Client.GetAsync("/api/health", timeout.Token);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, CancellationToken.None);
        }

        await host.DisposeAsync();
        throw new TimeoutException("The host did not become healthy in 90 s:\n" + host.Output);
    }

    /// <summary>Starts the host without waiting for it: for hosts expected to refuse to start.</summary>
    public static LocalHostProcess Launch(LocalHostSetup setup, IDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = BinariesFolder(),
            UseShellExecute = false,
            // Never the caller's terminal: a background child that touches a TTY is stopped (state T) by job control and outlives its run.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "LeadFunctions.LocalHost.dll", "--urls", setup.BaseAddress.GetLeftPart(UriPartial.Authority) })
        {
            start.ArgumentList.Add(arg);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["LeadStorage__ConnectionString"] = setup.ConnectionString,
            ["LeadStorage__LeadsTable"] = "StopLeads",
            ["LocalHost__AzuriteLocation"] = setup.DataFolder,
            ["LocalHost__RunSweeps"] = "false",
            ["Api__Key"] = ApiKey,
            ["LeadIdentity__Key"] = "process-test-lead-identity-key-0000000001",
            ["Intake__RateLimit__PermitLimit"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__LeadFunctions.LocalHost"] = "Information",
        };
        foreach (var (key, value) in environment.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LocalHostProcess(process, output, setup);
    }

    /// <summary>SIGTERM, as `kill` or a service manager stops the host.</summary>
    public void Terminate() => UnixSignals.Terminate(_process.Id);

    /// <summary>The exit code, or throws when the host has not exited in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The host did not exit within {timeout.TotalSeconds} s:\n{Output}");
        }

        // The parameterless wait also drains the redirected output, so Output is complete.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            Terminate();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>The local host's own build output in the configuration these tests were built in (it is a project reference).</summary>
    private static string BinariesFolder()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var folder = Path.Combine(RepositoryRoot.Path, "src", "LeadFunctions.LocalHost", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(folder, "LeadFunctions.LocalHost.dll"))
            ? folder
            : throw new InvalidOperationException("The local host is not built at " + folder);
    }
}
