using LeadFunctions.Domain.Intake;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http;

/// <summary>
/// RFC 7807 answers shared by every endpoint. Messages never echo submitted values: they may be personal data. Every 4xx
/// carries a reason code from <see cref="RejectionReasons"/> and is logged once when written.
/// </summary>
public static class Problems
{
    public static IResult BadRequest(string reason, string detail)
        => Rejected(StatusCodes.Status400BadRequest, reason, Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request"));

    public static IResult NotFound(string reason, string detail)
        => Rejected(StatusCodes.Status404NotFound, reason, Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found"));

    public static IResult TooLarge(int limit) => Rejected(
        StatusCodes.Status413PayloadTooLarge,
        RejectionReasons.BodyTooLarge,
        Results.Problem($"The body must be at most {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large"));

    public static IResult UnsupportedMediaType(string detail) => Rejected(
        StatusCodes.Status415UnsupportedMediaType,
        RejectionReasons.UnsupportedMediaType,
        Results.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));

    public static IResult Unauthorized() => Rejected(
        StatusCodes.Status401Unauthorized,
        RejectionReasons.NoValidKey,
        Results.Problem("A valid key is required in the x-functions-key header or the code query parameter.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"));

    public static IResult Unavailable() => new RetryAfterResult(
        Results.Problem("Storage is not answering; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable"),
        TimeSpan.FromSeconds(5));

    public static IResult Invalid(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var byField = errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        return Rejected(StatusCodes.Status400BadRequest, RejectionReasons.InvalidFields, Results.ValidationProblem(byField, title: "The request has invalid fields."));
    }

    public static IResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>Any other 4xx answer (the rate limiter's 429), so it is logged like the rest.</summary>
    public static IResult Rejected(int status, string reason, IResult answer) => new RejectedRequestResult(answer, status, reason);

    /// <summary>Adds Retry-After to another result.</summary>
    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
