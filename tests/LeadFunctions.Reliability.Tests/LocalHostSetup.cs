using System.Globalization;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Reliability.Tests;

/// <summary>Free ports for the host and its Azurite, and the emulator's data folder, kept across restarts.</summary>
public sealed class LocalHostSetup : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public LocalHostSetup()
    {
        DataFolder = Directory.CreateTempSubdirectory("lf-host-").FullName;
        (HttpPort, BlobPort, QueuePort, TablePort) = (AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort());
        BaseAddress = new Uri($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";
    }

    public string DataFolder { get; }

    public int HttpPort { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public Uri BaseAddress { get; }

    public string ConnectionString { get; }

    /// <summary>The node processes serving this setup's data folder: the host's Azurite, if one runs.</summary>
    public IReadOnlyList<int> AzuriteProcessIds() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => (Id: int.Parse(name!, CultureInfo.InvariantCulture), CommandLine: ReadCommandLine(name!)))
            .Where(p => p.CommandLine.Contains("azurite", StringComparison.Ordinal) && p.CommandLine.Contains(DataFolder, StringComparison.Ordinal))
            .Select(p => p.Id)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // An emulator still saving; the temp folder is cleaned by the OS.
        }
    }

    private static string ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
