using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace LeadFunctions.Http.Dashboard;

/// <summary>Maps the dashboard for the local host, outside /api and the OpenAPI document: it is a page, not an API.</summary>
public static class DashboardRoutes
{
    public static IEndpointRouteBuilder MapLeadDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DashboardEndpoints.PageRoute, ([FromServices] DashboardEndpoints dashboard) => dashboard.Page())
            .WithName("Dashboard").ExcludeFromDescription();
        endpoints.MapGet(DashboardEndpoints.AssetRoute, (string file, [FromServices] DashboardEndpoints dashboard) => dashboard.Asset(file))
            .WithName("DashboardAsset").ExcludeFromDescription();
        return endpoints;
    }
}
