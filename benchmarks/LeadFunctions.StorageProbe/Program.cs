using System.Diagnostics;
using System.Globalization;
using LeadFunctions.StorageProbe;

// Usage:
//   LeadFunctions.StorageProbe requests [--samples 10]
//   LeadFunctions.StorageProbe sweep [--sizes 1000,10000,100000] [--due 200] [--repeats 3]
//   LeadFunctions.StorageProbe velocity [--sizes 1000,10000,100000] [--refreshes 3] [--requests 20]
// Storage: env BENCH_STORAGE (an Azurite/Storage connection string). scripts/bench/*.sh start an Azurite and set it.
var connection = Environment.GetEnvironmentVariable("BENCH_STORAGE");
if (string.IsNullOrWhiteSpace(connection) || args.Length == 0)
{
    Console.Error.WriteLine("Set BENCH_STORAGE to a Table Storage connection string and pass 'requests', 'sweep' or 'velocity'.");
    return 2;
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"# {args[0]} on {Environment.ProcessorCount} cores, load average before: {load}");
var stopwatch = Stopwatch.StartNew();
switch (args[0])
{
    case "requests":
        await RequestCost.RunAsync(connection, int.Parse(Option("samples", "10"), CultureInfo.InvariantCulture));
        break;
    case "sweep":
        await SweepScaling.RunAsync(
            connection,
            [.. Option("sizes", "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            int.Parse(Option("due", "200"), CultureInfo.InvariantCulture),
            int.Parse(Option("repeats", "3"), CultureInfo.InvariantCulture),
            int.Parse(Option("seed-parallelism", "48"), CultureInfo.InvariantCulture));
        break;
    case "velocity":
        await VelocityScaling.RunAsync(
            connection,
            [.. Option("sizes", "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            int.Parse(Option("refreshes", "3"), CultureInfo.InvariantCulture),
            int.Parse(Option("requests", "20"), CultureInfo.InvariantCulture));
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{args[0]}'.");
        return 2;
}

load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"# done in {stopwatch.Elapsed.TotalSeconds:F1} s, load average after: {load}");
return 0;
