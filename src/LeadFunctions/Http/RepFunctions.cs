using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>Reps as data (keyed): list them, and mark one away or back.</summary>
public sealed class RepFunctions
{
    private readonly RepEndpoints _reps;

    public RepFunctions(RepEndpoints reps) => _reps = reps;

    [Function("ListReps")]
    public async Task<IResult> ListReps(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reps")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await _reps.ListAsync(request.HttpContext.RequestAborted)).Result;
    }

    [Function("SetRepAvailability")]
    public async Task<IResult> SetRepAvailability(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "reps/{repId}/availability")] HttpRequest request,
        string repId) => (await _reps.SetAvailabilityAsync(request, repId)).Result;
}
