using LeadFunctions.Functions.Tests.Support;

namespace LeadFunctions.Functions.Tests.Metadata;

/// <summary>
/// Every function Azure will index, pinned: a renamed route, a lost [Function] or a changed binding property fails
/// here. The expectations are written out, not read from the code, on purpose.
/// </summary>
public sealed class FunctionMetadataTests
{
    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        { "SubmitForm", "post", "forms/{formId}/submissions", "Anonymous" },
        { "Health", "get", "health", "Anonymous" },
        { "OpenApi", "get", "openapi.json", "Anonymous" },
        { "GetPlaybook", "get", "playbook", "Function" },
        { "PostLeadEvent", "post", "leads/{leadId}/events", "Function" },
        { "PostEventByEmail", "post", "events", "Function" },
        { "ListLeads", "get", "leads", "Function" },
        { "GetLead", "get", "leads/{leadId}", "Function" },
        { "EraseLead", "delete", "leads/{leadId}", "Function" },
        { "VelocityReport", "get", "reports/velocity", "Function" },
        { "ListSweeps", "get", "admin/sweeps", "Function" },
        { "RunSweep", "post", "admin/sweeps/{sweep}", "Function" },
        { "ListReps", "get", "reps", "Function" },
        { "SetRepAvailability", "put", "reps/{repId}/availability", "Function" },
        { "ListDeliveries", "get", "admin/deliveries", "Function" },
        { "RedeliverDelivery", "post", "admin/deliveries/{deliveryId}/redeliver", "Function" },
        { "StartImport", "post", "imports", "Function" },
        { "GetImport", "get", "imports/{importId}", "Function" },
        { "Dashboard", "get", "dashboard", "Anonymous" },
        { "DashboardAsset", "get", "dashboard/assets/{file}", "Anonymous" },
        { "DashboardPlaybook", "get", "dashboard/data/playbook", "Anonymous" },
        { "DashboardVelocity", "get", "dashboard/data/velocity", "Anonymous" },
        { "DashboardReps", "get", "dashboard/data/reps", "Anonymous" },
        { "DashboardLeads", "get", "dashboard/data/leads", "Anonymous" },
        { "DashboardSweeps", "get", "dashboard/data/sweeps", "Anonymous" },
        { "DashboardSweepPlan", "post", "dashboard/data/sweeps/{sweep}/plan", "Anonymous" },
        { "DashboardDeliveries", "get", "dashboard/data/deliveries", "Anonymous" },
    };

    public static TheoryData<string, string> TimerFunctions => new()
    {
        { "DisqualifyNoContact", "%Sweeps:DisqualifyNoContact:Schedule%" },
        { "RecycleDark", "%Sweeps:RecycleDark:Schedule%" },
        { "FlagCheckBacks", "%Sweeps:FlagCheckBacks:Schedule%" },
        { "FlagSlaBreaches", "%Sweeps:FlagSlaBreaches:Schedule%" },
        { "AssignQueued", "%Sweeps:AssignQueued:Schedule%" },
        { "SuppressUnengaged", "%Sweeps:SuppressUnengaged:Schedule%" },
        { "DecayInterest", "%Sweeps:DecayInterest:Schedule%" },
    };

    [Fact]
    public void The_app_declares_exactly_the_expected_functions()
    {
        var expected = HttpFunctions.Select(row => (string)row[0])
            .Concat(TimerFunctions.Select(row => (string)row[0]))
            .Append("ApplyTransition")
            .Append("ApplyImportChunk")
            .Append("RelayLeadEvents")
            .Append("DeliverWebhooks")
            .Append("RetryWebhooks")
            .Append("RefreshVelocityReport")
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, FunctionsMetadata.Triggers.Select(t => t.Function).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Http_function_keeps_its_route_method_and_auth_level(string function, string method, string route, string authLevel)
    {
        var trigger = FunctionsMetadata.Trigger(function);

        Assert.Equal("httpTrigger", trigger.Type);
        Assert.Equal(route, trigger.Text("route"));
        Assert.Equal([method], trigger.Methods);
        Assert.Equal(authLevel, trigger.Text("authLevel"));
    }

    [Theory]
    [MemberData(nameof(TimerFunctions))]
    public void Timer_function_reads_its_schedule_from_app_settings(string function, string schedule)
    {
        var trigger = FunctionsMetadata.Trigger(function);

        Assert.Equal("timerTrigger", trigger.Type);
        Assert.Equal(schedule, trigger.Text("schedule"));
        Assert.NotEqual(true, trigger.Flag("runOnStartup"));
    }

    [Fact]
    public void Lead_event_relay_runs_every_ten_seconds_and_never_on_startup()
    {
        var trigger = FunctionsMetadata.Trigger("RelayLeadEvents");

        Assert.Equal("timerTrigger", trigger.Type);
        Assert.Equal("*/10 * * * * *", trigger.Text("schedule"));
        Assert.NotEqual(true, trigger.Flag("runOnStartup"));
    }

    [Fact]
    public void Velocity_report_timer_runs_every_fifteen_minutes_and_not_on_startup()
    {
        var trigger = FunctionsMetadata.Trigger("RefreshVelocityReport");

        Assert.Equal("timerTrigger", trigger.Type);
        Assert.Equal("0 */15 * * * *", trigger.Text("schedule"));
        Assert.NotEqual(true, trigger.Flag("runOnStartup"));
    }

    [Fact]
    public void Transition_queue_function_takes_one_session_at_a_time_and_settles_by_hand()
    {
        var trigger = FunctionsMetadata.Trigger("ApplyTransition");

        Assert.Equal("serviceBusTrigger", trigger.Type);
        Assert.Equal("%Transitions:QueueName%", trigger.Text("queueName"));
        Assert.Equal("ServiceBusConnection", trigger.Text("connection"));
        Assert.True(trigger.Flag("isSessionsEnabled"));
        Assert.False(trigger.Flag("autoCompleteMessages"));
        Assert.Equal("One", trigger.Text("cardinality"));
    }

    [Fact]
    public void Import_chunk_function_reads_the_lead_imports_queue_without_sessions_and_settles_by_hand()
    {
        var trigger = FunctionsMetadata.Trigger("ApplyImportChunk");

        Assert.Equal("serviceBusTrigger", trigger.Type);
        Assert.Equal("lead-imports", trigger.Text("queueName"));
        Assert.Equal("ServiceBusConnection", trigger.Text("connection"));
        Assert.NotEqual(true, trigger.Flag("isSessionsEnabled"));
        Assert.False(trigger.Flag("autoCompleteMessages"));
        Assert.Equal("One", trigger.Text("cardinality"));
    }

    [Fact]
    public void Webhook_function_reads_the_lead_events_topic_one_lead_session_at_a_time_and_settles_by_hand()
    {
        var trigger = FunctionsMetadata.Trigger("DeliverWebhooks");

        Assert.Equal("serviceBusTrigger", trigger.Type);
        Assert.Equal("lead-events", trigger.Text("topicName"));
        Assert.Equal("webhooks", trigger.Text("subscriptionName"));
        Assert.Equal("ServiceBusConnection", trigger.Text("connection"));
        Assert.True(trigger.Flag("isSessionsEnabled"));
        Assert.False(trigger.Flag("autoCompleteMessages"));
        Assert.Equal("One", trigger.Text("cardinality"));
    }

    [Fact]
    public void Webhook_retry_pass_runs_every_fifteen_seconds_never_on_startup()
    {
        var trigger = FunctionsMetadata.Trigger("RetryWebhooks");

        Assert.Equal("timerTrigger", trigger.Type);
        Assert.Equal("*/15 * * * * *", trigger.Text("schedule"));
        Assert.NotEqual(true, trigger.Flag("runOnStartup"));
    }

    [Fact]
    public void Every_entry_point_is_a_public_method_of_the_app()
    {
        var app = typeof(Hosting.FunctionsAppRegistration).Assembly;
        foreach (var trigger in FunctionsMetadata.Triggers)
        {
            var split = trigger.EntryPoint.LastIndexOf('.');
            var type = app.GetType(trigger.EntryPoint[..split], throwOnError: false);
            Assert.True(type is not null, $"{trigger.Function}: no type {trigger.EntryPoint[..split]}");
            Assert.NotNull(type!.GetMethod(trigger.EntryPoint[(split + 1)..]));
        }
    }
}
