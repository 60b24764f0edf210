namespace LeadFunctions.Functions.Tests.Workbook;

/// <summary>
/// The operations workbook (infra/modules/workbook.json) asks only for what the app emits: every metric name, every
/// customDimensions key and every log message it filters on comes from the code.
/// </summary>
public sealed class WorkbookNamesTests
{
    private static readonly Lazy<Task<EmittedNames>> Emitted = new(EmittedNames.CollectAsync);

    [Fact]
    public async Task Every_name_the_workbook_queries_is_one_the_app_emits()
    {
        var emitted = await Emitted.Value;
        var queries = WorkbookQueries.Load();

        Assert.NotEmpty(queries);
        Assert.Empty(queries.SelectMany(q => WorkbookQueries.Unknown(q.Panel, q.Query, emitted)));
    }

    [Theory]
    [InlineData("customMetrics\n| where name == \"leadfunctions.leads.kaptured\"\n| summarize sum(valueSum)", "metric 'leadfunctions.leads.kaptured'")]
    [InlineData("customMetrics\n| where name in (\"leadfunctions.sweep.leads\", \"leadfunctions.sweep.seconds\")", "metric 'leadfunctions.sweep.seconds'")]
    [InlineData("customMetrics\n| where name == \"leadfunctions.sweep.leads\"\n| extend s = tostring(customDimensions.sweepName)", "dimension 'sweepName' of customMetrics")]
    [InlineData("traces\n| where customDimensions.LeadIdentifier != \"\"", "dimension 'LeadIdentifier' of traces")]
    [InlineData("traces\n| where message startswith \"Lead rejected\"", "log message starting 'Lead rejected'")]
    public async Task A_query_naming_something_the_app_does_not_emit_is_caught(string query, string expected)
    {
        var emitted = await Emitted.Value;

        Assert.Equal([$"bad-panel: {expected}"], WorkbookQueries.Unknown("bad-panel", query, emitted));
    }

    [Fact]
    public async Task The_names_come_from_running_the_app_not_from_a_list()
    {
        var emitted = await Emitted.Value;

        Assert.Contains("leadfunctions.leads.captured", emitted.Metrics);
        Assert.Contains("leadfunctions.sla.breaches", emitted.Metrics);
        Assert.Superset(new HashSet<string> { "form", "stage", "status", "type", "reason", "sweep", "outcome" }, new HashSet<string>(emitted.MetricDimensions));
        Assert.Contains("LeadId", emitted.LogProperties);
        Assert.Contains("leadfunctions.webhooks.delivered", emitted.Metrics);
        Assert.Contains("leadfunctions.webhooks.speed_to_lead", emitted.Metrics);
        Assert.Contains("subscriber", emitted.MetricDimensions);
    }
}
