using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LeadFunctions.Http;

/// <summary>
/// The API's route templates, in one place: the local host maps them, and both hosts name them in logs. The Functions
/// worker has no route endpoint on its HttpContext, so a template is also found by matching the path against this list.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "/api";
    public const string Submissions = "/forms/{formId}/submissions";
    public const string Health = "/health";
    public const string OpenApi = "/openapi.json";
    public const string Playbook = "/playbook";
    public const string LeadEvents = "/leads/{leadId}/events";
    public const string Events = "/events";
    public const string Leads = "/leads";
    public const string Velocity = "/reports/velocity";
    public const string Lead = "/leads/{leadId}";
    public const string Sweeps = "/admin/sweeps";
    public const string Sweep = "/admin/sweeps/{sweep}";
    public const string Reps = "/reps";
    public const string RepAvailability = "/reps/{repId}/availability";
    public const string Deliveries = "/admin/deliveries";
    public const string Redeliver = "/admin/deliveries/{deliveryId}/redeliver";
    public const string Imports = "/imports";
    public const string Import = "/imports/{importId}";

    // The dashboard's signed-in reads: Functions app only (the local host keeps the key), listed so refusals name them.
    public const string DashboardPlaybook = "/dashboard/data/playbook";
    public const string DashboardVelocity = "/dashboard/data/velocity";
    public const string DashboardReps = "/dashboard/data/reps";
    public const string DashboardLeads = "/dashboard/data/leads";
    public const string DashboardSweeps = "/dashboard/data/sweeps";
    public const string DashboardSweepPlan = "/dashboard/data/sweeps/{sweep}/plan";
    public const string DashboardDeliveries = "/dashboard/data/deliveries";

    /// <summary>What a log line names when the path matches no template: never the path itself, which may carry personal data.</summary>
    public const string Unmatched = "(unmatched)";

    private static readonly string[][] Templates = [.. new[] { Submissions, Health, OpenApi, Playbook, LeadEvents, Events, Leads, Velocity, Lead, Sweeps, Sweep, Reps, RepAvailability, Deliveries, Redeliver, Imports, Import,
        DashboardPlaybook, DashboardVelocity, DashboardReps, DashboardLeads, DashboardSweeps, DashboardSweepPlan, DashboardDeliveries }
        .Select(t => (Prefix + t).Split('/', StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>The route template the request was served under, such as /api/leads/{leadId}; never a raw path.</summary>
    public static string TemplateOf(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } raw } && raw.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return raw;
        }

        var segments = (httpContext.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var match = Templates.FirstOrDefault(template => template.Length == segments.Length
            && template.Zip(segments).All(pair => pair.First.StartsWith('{') || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase)));
        return match is null ? Unmatched : "/" + string.Join('/', match);
    }
}
