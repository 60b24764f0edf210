using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>Webhook deliveries for operators (keyed): list by state, redeliver a dead one.</summary>
public sealed class DeliveryFunctions
{
    private readonly DeliveryEndpoints _deliveries;

    public DeliveryFunctions(DeliveryEndpoints deliveries) => _deliveries = deliveries;

    [Function("ListDeliveries")]
    public async Task<IResult> ListDeliveries(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/deliveries")] HttpRequest request)
        => (await _deliveries.ListAsync(request)).Result;

    [Function("RedeliverDelivery")]
    public async Task<IResult> RedeliverDelivery(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/deliveries/{deliveryId}/redeliver")] HttpRequest request,
        string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await _deliveries.RedeliverAsync(deliveryId, request.HttpContext.RequestAborted)).Result;
    }
}
