using System.Globalization;
using System.Text;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// The velocity report as CSV (RFC 4180): one row per creation step, stage step, status pair, acceptance and mid-funnel
/// age, first for all leads (cohort column empty) and then for each cohort, with the playbook's display names of from and to. Durations are whole seconds, so a
/// spreadsheet can sum and convert them without parsing.
/// </summary>
public static class VelocityCsv
{
    public const string ContentType = "text/csv";
    /// <summary>The display-name columns come last, so readers of the earlier columns by position keep working.</summary>
    public const string Header = "asOf,cohortBy,cohort,kind,from,to,leads,reached,rate,medianSeconds,p90Seconds,fromDisplayName,toDisplayName";

    public static string Write(VelocityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder(Header).Append("\r\n");
        var asOf = report.AsOf.ToString("O", CultureInfo.InvariantCulture);
        var by = report.Cohort?.ToString() ?? "";
        Rows(csv, asOf, "", "", new VelocityCohort("", report.Leads, report.FromCreated, report.Steps, report.StatusPairs, report.MqlAcceptance, report.MidFunnelAge));
        foreach (var cohort in report.Cohorts ?? [])
        {
            Rows(csv, asOf, by, cohort.Key, cohort);
        }

        return csv.ToString();
    }

    private static void Rows(StringBuilder csv, string asOf, string by, string key, VelocityCohort figures)
    {
        foreach (var step in figures.FromCreated)
        {
            Row(csv, asOf, by, key, "created", "Created", step.To.ToString(), step.Created, step.Reached, step.Rate, step.Median, step.P90, ("", step.ToDisplayName));
        }

        foreach (var step in figures.Steps)
        {
            Row(csv, asOf, by, key, "stage", step.From.ToString(), step.To.ToString(), step.Entered, step.Converted, step.ConversionRate, step.Median, step.P90,
                (step.FromDisplayName, step.ToDisplayName));
        }

        foreach (var pair in figures.StatusPairs)
        {
            Row(csv, asOf, by, key, "status", pair.From, pair.To, pair.Leads, pair.Leads, null, pair.Median, pair.P90, (pair.FromDisplayName, pair.ToDisplayName));
        }

        var acceptance = figures.MqlAcceptance;
        Row(csv, asOf, by, key, "mqlAcceptance", "MQL", "SQL", acceptance.Mqls, acceptance.Accepted, acceptance.Rate, null, null);
        var age = figures.MidFunnelAge;
        Row(csv, asOf, by, key, "midFunnelAge", "SQL", "", age.Leads, null, null, age.Median, age.P90);
    }

    private static void Row(
        StringBuilder csv, string asOf, string by, string key, string kind, string from, string to, int leads, int? reached, double? rate, TimeSpan? median, TimeSpan? p90,
        (string? From, string? To) displayNames = default)
    {
        string[] fields =
        [
            asOf, by, Field(key), kind, from, to,
            leads.ToString(CultureInfo.InvariantCulture),
            reached?.ToString(CultureInfo.InvariantCulture) ?? "",
            rate?.ToString("0.####", CultureInfo.InvariantCulture) ?? "",
            Seconds(median), Seconds(p90),
            Field(displayNames.From ?? ""), Field(displayNames.To ?? ""),
        ];
        csv.AppendJoin(',', fields).Append("\r\n");
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? ((long)s.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// A cohort key is free text from a page's URL, and a display name the playbook's own words: quoted when it holds a separator, and kept from being read as a
    /// formula by a spreadsheet (=, +, -, @ first).
    /// </summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
