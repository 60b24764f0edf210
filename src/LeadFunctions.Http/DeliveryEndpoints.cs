using System.Globalization;
using LeadFunctions.Domain.Intake;
using LeadFunctions.Engine.Webhooks;
using LeadFunctions.Http.Answers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadFunctions.Http;

/// <summary>
/// GET /api/admin/deliveries?state=dead|pending|queued (keyed, paged): webhook events not yet delivered. POST
/// /api/admin/deliveries/{deliveryId}/redeliver (keyed): a dead one gets a fresh retry window, due now.
/// </summary>
public sealed class DeliveryEndpoints
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    private const string NoSuchDelivery = "no-such-delivery";
    private const string NotDead = "delivery-not-dead";

    private readonly WebhookDeliveriesAdmin _admin;

    public DeliveryEndpoints(WebhookDeliveriesAdmin admin) => _admin = admin;

    public Task<Results<JsonHttpResult<DeliveryList>, ProblemAnswer>> ListAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => ListCoreAsync(request.Query, request.HttpContext.RequestAborted), p => p, request.HttpContext.RequestAborted);
    }

    public Task<Results<JsonHttpResult<DeliveryView>, ProblemAnswer>> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
        => StoreOutage.AnswerAsync(() => RedeliverCoreAsync(deliveryId, cancellationToken), p => p, cancellationToken);

    private async Task<Results<JsonHttpResult<DeliveryView>, ProblemAnswer>> RedeliverCoreAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var result = await _admin.RedeliverAsync(deliveryId, cancellationToken);
        return result.Status switch
        {
            RedeliverStatus.Redelivered => TypedResults.Json(DeliveryView.Of(result.Delivery!), ApiJson.Options),
            RedeliverStatus.NotDead => Problems.Rejected(
                StatusCodes.Status409Conflict,
                NotDead,
                Results.Problem("Only a dead delivery can be redelivered; a pending or queued one is still being retried.", statusCode: StatusCodes.Status409Conflict, title: "Conflict")),
            _ => Problems.NotFound(NoSuchDelivery, "There is no such delivery; GET /api/admin/deliveries?state=dead lists the dead ones."),
        };
    }

    private async Task<Results<JsonHttpResult<DeliveryList>, ProblemAnswer>> ListCoreAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        DeliveryState state = default;
        var stateValues = query["state"];
        if (stateValues.Count != 1 || int.TryParse(stateValues[0], out _) || !Enum.TryParse(stateValues[0], ignoreCase: true, out state))
        {
            errors.Add(new FieldError("state", "Required: dead, pending or queued."));
        }

        var pageSize = DefaultPageSize;
        var size = query["pageSize"];
        if (size.Count > 0 && (size.Count > 1 || !int.TryParse(size[0], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors.Add(new FieldError("pageSize", $"Must be a whole number from 1 to {MaxPageSize}."));
        }

        string? storeToken = null;
        var token = query["continuationToken"];
        if (token.Count > 0 && (token.Count > 1 || token[0]!.Length > ViewEndpoints.MaxTokenLength || !ContinuationTokens.TryFromUrlSafe(token[0]!, out storeToken)))
        {
            errors.Add(new FieldError("continuationToken", "Use the continuationToken of the previous page as is."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var page = await _admin.ListAsync(state, pageSize, storeToken, cancellationToken);
        return TypedResults.Json(
            new DeliveryList([.. page.Deliveries.Select(DeliveryView.Of)], ContinuationTokens.ToUrlSafe(page.ContinuationToken)),
            ApiJson.Options);
    }
}
