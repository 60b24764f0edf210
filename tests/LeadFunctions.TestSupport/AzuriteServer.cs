using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LeadFunctions.TestSupport;

/// <summary>
/// The real Azure Storage emulator, installed by `npm ci` from the repo's lockfile and started on free ports.
/// One process serves a whole test run; tests isolate themselves with their own table and queue names.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<AzuriteServer> LazyShared = new(() => Start(persistent: false), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process _process;
    private readonly string _location;
    private readonly bool _deleteLocation;

    private AzuriteServer(Process process, string location, bool deleteLocation, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _location = location;
        _deleteLocation = deleteLocation;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public static AzuriteServer Shared => LazyShared.Value;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string Location => _location;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <param name="location">Data folder; reuse one to restart the emulator over the same data.</param>
    public static AzuriteServer Start(bool persistent, string? location = null, int? blobPort = null, int? queuePort = null, int? tablePort = null)
    {
        var azurite = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` at the repository root (the test script does this).");
        }

        var ownsLocation = location is null;
        location ??= Directory.CreateTempSubdirectory("azurite-").FullName;
        var (blob, queue, table) = (blobPort ?? FreePort(), queuePort ?? FreePort(), tablePort ?? FreePort());
        var start = new ProcessStartInfo("node")
        {
            // Never the caller's terminal: a background child that touches a TTY is stopped (state T) by job control and outlives its run.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     // The preload stops this emulator when the test process is gone without disposing it (a torn-down
                     // test host), so no Azurite outlives the test run.
                     "--require", System.IO.Path.Combine(RepositoryRoot.Path, "scripts", "azurite", "exit-with-owner.cjs"),
                     azurite, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--loose", "--disableTelemetry",
                     "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        // The in-memory mode is the same emulator without disk I/O; persistent mode is for restart and crash tests.
        start.ArgumentList.Add(persistent ? "--location" : "--inMemoryPersistence");
        if (persistent)
        {
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, location, ownsLocation && !persistent, blob, queue, table);
        server.WaitUntilListening(TimeSpan.FromSeconds(30));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        if (_deleteLocation && Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start with code {_process.ExitCode}.");
            }

            if (Accepts(TablePort) && Accepts(QueuePort))
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException("Azurite did not start listening in time.");
    }

    /// <summary>Whether something on this machine accepts connections on the port.</summary>
    public static bool Accepts(int port)
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
}
