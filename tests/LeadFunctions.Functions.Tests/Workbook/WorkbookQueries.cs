using System.Text.Json;
using System.Text.RegularExpressions;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Functions.Tests.Workbook;

/// <summary>The KQL of every query panel in infra/modules/workbook.json, and the names each one relies on.</summary>
public static partial class WorkbookQueries
{
    public static string Path => System.IO.Path.Combine(RepositoryRoot.Path, "infra", "modules", "workbook.json");

    public static IReadOnlyList<(string Panel, string Query)> Load(string? json = null)
    {
        using var document = JsonDocument.Parse(json ?? File.ReadAllText(Path));
        return [.. document.RootElement.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("type").GetInt32() == 3)
            .Select(item => (item.GetProperty("name").GetString()!, item.GetProperty("content").GetProperty("query").GetString()!))];
    }

    /// <summary>What a query names that the app does not emit; empty when every name is one the app writes.</summary>
    public static IReadOnlyList<string> Unknown(string panel, string query, EmittedNames emitted)
    {
        ArgumentNullException.ThrowIfNull(emitted);
        var problems = new List<string>();
        var table = query.TrimStart().Split('\n', 2)[0].Trim();
        var dimensions = table switch
        {
            "customMetrics" => emitted.MetricDimensions,
            "traces" => emitted.LogProperties,
            "requests" => new HashSet<string>(),
            _ => throw new InvalidOperationException($"{panel}: a query over '{table}' is not checked; teach this test what that table's names come from."),
        };

        if (table == "customMetrics")
        {
            problems.AddRange(MetricNames(query).Where(name => !emitted.Metrics.Contains(name)).Select(name => $"{panel}: metric '{name}'"));
        }

        problems.AddRange(Dimension().Matches(query).Select(m => m.Groups[1].Value).Distinct()
            .Where(name => !dimensions.Contains(name)).Select(name => $"{panel}: dimension '{name}' of {table}"));
        problems.AddRange(MessageStart().Matches(query).Select(m => m.Groups[1].Value)
            .Where(start => !emitted.LogTemplates.Any(t => t.StartsWith(start, StringComparison.Ordinal))).Select(start => $"{panel}: log message starting '{start}'"));
        return problems;
    }

    private static IEnumerable<string> MetricNames(string query)
        => NameFilter().Matches(query).SelectMany(m => QuotedString().Matches(m.Value).Select(q => q.Groups[1].Value));

    [GeneratedRegex(@"\bname\s*(?:==\s*""[^""]*""|in\s*\([^)]*\))")]
    private static partial Regex NameFilter();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"customDimensions\.(\w+)")]
    private static partial Regex Dimension();

    [GeneratedRegex(@"message\s+startswith\s+""([^""]*)""")]
    private static partial Regex MessageStart();
}
