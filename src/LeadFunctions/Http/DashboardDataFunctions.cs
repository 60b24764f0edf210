using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>
/// The dashboard's reads for people signed in with Entra ID, under /api/dashboard/data. App Service Authentication
/// does not satisfy the Functions host's key check (Azure/azure-functions-host#11394), so these are anonymous to the
/// host and ask <see cref="SignedInUser"/> instead; they call the endpoint logic the keyed routes call. Reads only:
/// the sweep plan is always a dry run. The local host does not map them; there the page keeps using the key.
/// </summary>
public sealed class DashboardDataFunctions
{
    private readonly SignedInUser _user;
    private readonly PlaybookEndpoints _playbook;
    private readonly ViewEndpoints _views;
    private readonly RepEndpoints _reps;
    private readonly AdminEndpoints _admin;
    private readonly DeliveryEndpoints _deliveries;

    public DashboardDataFunctions(SignedInUser user, PlaybookEndpoints playbook, ViewEndpoints views, RepEndpoints reps, AdminEndpoints admin, DeliveryEndpoints deliveries)
    {
        _user = user;
        _playbook = playbook;
        _views = views;
        _reps = reps;
        _admin = admin;
        _deliveries = deliveries;
    }

    [Function("DashboardPlaybook")]
    public IResult Playbook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/data/playbook")] HttpRequest request)
        => _user.IsSignedIn(request) ? _playbook.Get() : Problems.NotSignedIn();

    [Function("DashboardVelocity")]
    public Task<IResult> Velocity(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/data/velocity")] HttpRequest request)
        => WhenSignedInAsync(request, async () => (await _views.StoredVelocityAsync(request)).Result);

    [Function("DashboardReps")]
    public Task<IResult> Reps(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/data/reps")] HttpRequest request)
        => WhenSignedInAsync(request, async () => (await _reps.ListAsync(request.HttpContext.RequestAborted)).Result);

    [Function("DashboardLeads")]
    public Task<IResult> Leads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/data/leads")] HttpRequest request)
        => WhenSignedInAsync(request, async () => (await _views.ListAsync(request)).Result);

    [Function("DashboardSweeps")]
    public Task<IResult> Sweeps(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/data/sweeps")] HttpRequest request)
        => WhenSignedInAsync(request, async () => (await _admin.ListSweepsAsync(request.HttpContext.RequestAborted)).Result);

    [Function("DashboardSweepPlan")]
    public Task<IResult> SweepPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/data/sweeps/{sweep}/plan")] HttpRequest request,
        string sweep)
        => WhenSignedInAsync(request, async () => (await _admin.PlanSweepAsync(sweep, request.HttpContext.RequestAborted)).Result);

    [Function("DashboardDeliveries")]
    public Task<IResult> Deliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/data/deliveries")] HttpRequest request)
        => WhenSignedInAsync(request, async () => (await _deliveries.ListAsync(request)).Result);

    private Task<IResult> WhenSignedInAsync(HttpRequest request, Func<Task<IResult>> read)
        => _user.IsSignedIn(request) ? read() : Task.FromResult<IResult>(Problems.NotSignedIn());
}
