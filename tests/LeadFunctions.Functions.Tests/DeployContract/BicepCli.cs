using System.Diagnostics;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>The Bicep CLI CI restores (scripts/bicep-check.sh): LEADFUNCTIONS_BICEP, else artifacts/bicep/*/bicep under the repo.</summary>
public static class BicepCli
{
    public const string Variable = "LEADFUNCTIONS_BICEP";

    // Lazy rather than a static initializer, so a missing CLI fails each test with this message, not a TypeInitializationException.
    private static readonly Lazy<string> LazyPath = new(Find);

    public static string Path => LazyPath.Value;

    /// <summary>`bicep build &lt;file&gt; --stdout`: the ARM JSON Azure deploys.</summary>
    public static string Build(string bicepFile)
    {
        var start = new ProcessStartInfo(Path, ["build", bicepFile, "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Path);
        var stderr = process.StandardError.ReadToEndAsync();
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? json
            : throw new InvalidOperationException($"bicep build {bicepFile} failed ({process.ExitCode}): {stderr.Result}");
    }

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"{Variable}={configured} does not exist.");
        }

        var artifacts = System.IO.Path.Combine(RepositoryRoot.Path, "artifacts", "bicep");
        var found = Directory.Exists(artifacts)
            ? Directory.GetDirectories(artifacts).Select(d => System.IO.Path.Combine(d, "bicep")).Where(File.Exists).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"No Bicep CLI: set {Variable} or run `bash scripts/bicep-check.sh --install-only` (puts it under artifacts/bicep/<version>/bicep). The deploy-contract tests need it and do not skip.");
    }
}
