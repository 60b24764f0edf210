using LeadFunctions.Domain.Intake;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http;

/// <summary>
/// RFC 7807 answers shared by every endpoint. Messages never echo submitted values: they may be personal data. Every 4xx
/// carries a reason code from <see cref="RejectionReasons"/> and is logged once when written.
/// </summary>
public static class Problems
{
    public static ProblemAnswer BadRequest(string reason, string detail)
        => Rejected(StatusCodes.Status400BadRequest, reason, Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request"));

    public static ProblemAnswer NotFound(string reason, string detail)
        => Rejected(StatusCodes.Status404NotFound, reason, Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found"));

    public static ProblemAnswer TooLarge(int limit) => Rejected(
        StatusCodes.Status413PayloadTooLarge,
        RejectionReasons.BodyTooLarge,
        Results.Problem($"The body must be at most {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large"));

    public static ProblemAnswer UnsupportedMediaType(string detail) => Rejected(
        StatusCodes.Status415UnsupportedMediaType,
        RejectionReasons.UnsupportedMediaType,
        Results.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));

    public static ProblemAnswer Unauthorized() => Rejected(
        StatusCodes.Status401Unauthorized,
        RejectionReasons.NoValidKey,
        Results.Problem("A valid key is required in the x-functions-key header or the code query parameter.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"));

    public static ProblemAnswer NotSignedIn() => Rejected(
        StatusCodes.Status401Unauthorized,
        RejectionReasons.NotSignedIn,
        Results.Problem("Sign in at /.auth/login/aad. This route answers only a person signed in through App Service Authentication.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"));

    public static ProblemAnswer Unavailable() => new(new RetryAfterResult(
        Results.Problem("Storage is not answering; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable"),
        TimeSpan.FromSeconds(5)));

    public static ProblemAnswer Invalid(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var byField = errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        return Rejected(StatusCodes.Status400BadRequest, RejectionReasons.InvalidFields, Results.ValidationProblem(byField, title: "The request has invalid fields."));
    }

    public static ProblemAnswer Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>Any other 4xx answer (the rate limiter's 429), so it is logged like the rest.</summary>
    public static ProblemAnswer Rejected(int status, string reason, IResult answer) => new(new RejectedRequestResult(answer, status, reason));

    /// <summary>The client left before the answer: nothing is written.</summary>
    public static ProblemAnswer ClientGone() => new(Results.Empty);

    /// <summary>Adds Retry-After to another result.</summary>
    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
