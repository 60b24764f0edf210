using LeadFunctions.Http.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>
/// The pipeline dashboard's page and assets, anonymous at the Functions level because they hold no data. The host's
/// route prefix puts them at /api/dashboard; the page names its assets relative to itself, so the same bytes work
/// there and at the local host's /dashboard. In Azure, App Service Authentication (infra/modules/auth.bicep) asks
/// for a sign-in before either is served.
/// </summary>
public sealed class DashboardFunctions
{
    private readonly DashboardEndpoints _dashboard;

    public DashboardFunctions(DashboardEndpoints dashboard) => _dashboard = dashboard;

    [Function("Dashboard")]
    public IResult Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request) => _dashboard.Page();

    [Function("DashboardAsset")]
    public IResult DashboardAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/assets/{file}")] HttpRequest request,
        string file) => _dashboard.Asset(file);
}
