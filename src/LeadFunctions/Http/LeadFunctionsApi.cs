using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>Keyed routes: the Functions host checks x-functions-key / ?code= before these run.</summary>
public static class LeadFunctionsApi
{
    [Function("GetPlaybook")]
    public static IResult GetPlaybook(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "playbook")] HttpRequest request) => PlaybookEndpoints.Get(request);

    [Function("PostLeadEvent")]
    public static Task<IResult> PostLeadEvent(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "leads/{leadId}/events")] HttpRequest request,
        string leadId) => EventEndpoints.PostForLeadAsync(request, leadId);

    [Function("PostEventByEmail")]
    public static Task<IResult> PostEventByEmail(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "events")] HttpRequest request) => EventEndpoints.PostByEmailAsync(request);

    [Function("ListLeads")]
    public static Task<IResult> ListLeads(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "leads")] HttpRequest request) => ViewEndpoints.ListAsync(request);

    [Function("VelocityReport")]
    public static Task<IResult> VelocityReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/velocity")] HttpRequest request) => ViewEndpoints.VelocityAsync(request);

    [Function("GetLead")]
    public static Task<IResult> GetLead(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "leads/{leadId}")] HttpRequest request,
        string leadId) => LeadEndpoints.GetAsync(request, leadId);

    [Function("EraseLead")]
    public static Task<IResult> EraseLead(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "leads/{leadId}")] HttpRequest request,
        string leadId) => LeadEndpoints.EraseAsync(request, leadId);

    [Function("RunSweep")]
    public static Task<IResult> RunSweep(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/sweeps/{sweep}")] HttpRequest request,
        string sweep) => AdminEndpoints.RunSweepAsync(request, sweep);
}
