using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>Keyed routes: the Functions host checks x-functions-key / ?code= before these run.</summary>
public sealed class LeadFunctionsApi
{
    private readonly PlaybookEndpoints _playbook;
    private readonly EventEndpoints _events;
    private readonly ViewEndpoints _views;
    private readonly LeadEndpoints _leads;
    private readonly AdminEndpoints _admin;

    public LeadFunctionsApi(PlaybookEndpoints playbook, EventEndpoints events, ViewEndpoints views, LeadEndpoints leads, AdminEndpoints admin)
    {
        _playbook = playbook;
        _events = events;
        _views = views;
        _leads = leads;
        _admin = admin;
    }

    [Function("GetPlaybook")]
    public IResult GetPlaybook(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "playbook")] HttpRequest request) => _playbook.Get();

    [Function("PostLeadEvent")]
    public async Task<IResult> PostLeadEvent(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "leads/{leadId}/events")] HttpRequest request,
        string leadId) => (await _events.PostForLeadAsync(request, leadId)).Result;

    [Function("PostEventByEmail")]
    public async Task<IResult> PostEventByEmail(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "events")] HttpRequest request) => (await _events.PostByEmailAsync(request)).Result;

    [Function("ListLeads")]
    public async Task<IResult> ListLeads(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "leads")] HttpRequest request) => (await _views.ListAsync(request)).Result;

    [Function("VelocityReport")]
    public async Task<IResult> VelocityReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/velocity")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await _views.VelocityAsync(request)).Result;
    }

    [Function("GetLead")]
    public async Task<IResult> GetLead(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "leads/{leadId}")] HttpRequest request,
        string leadId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await _leads.GetAsync(leadId, request.HttpContext.RequestAborted)).Result;
    }

    [Function("EraseLead")]
    public async Task<IResult> EraseLead(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "leads/{leadId}")] HttpRequest request,
        string leadId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await _leads.EraseAsync(leadId, request.HttpContext.RequestAborted)).Result;
    }

    [Function("ListSweeps")]
    public async Task<IResult> ListSweeps(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/sweeps")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await _admin.ListSweepsAsync(request.HttpContext.RequestAborted)).Result;
    }

    [Function("RunSweep")]
    public async Task<IResult> RunSweep(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/sweeps/{sweep}")] HttpRequest request,
        string sweep) => (await _admin.RunSweepAsync(request, sweep)).Result;
}
