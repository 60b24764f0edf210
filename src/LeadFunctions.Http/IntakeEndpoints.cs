using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.RateLimiting;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http;

/// <summary>POST /api/forms/{formId}/submissions: the public website form intake (anonymous).</summary>
public sealed class IntakeEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly SubmitFormHandler _handler;
    private readonly IntakeRateLimiter _limiter;
    private readonly PlaybookVocabulary _vocabulary;
    private readonly IOptions<IntakeOptions> _options;

    public IntakeEndpoints(SubmitFormHandler handler, IntakeRateLimiter limiter, PlaybookVocabulary vocabulary, IOptions<IntakeOptions> options)
    {
        _handler = handler;
        _limiter = limiter;
        _vocabulary = vocabulary;
        _options = options;
    }

    /// <summary>
    /// 202 {submissionId, leadId} once stored (a replay gets the same answer); 303 to the form's redirect when
    /// <see cref="RedirectTargets"/> lets it through. A filled honeypot is answered 202 {submissionId} without a leadId,
    /// and nothing is stored. A client over Intake:RateLimit is answered 429 with Retry-After before the body is read.
    /// </summary>
    public Task<Results<JsonHttpResult<SubmissionAccepted>, SeeOtherResult, ProblemAnswer>> SubmitAsync(HttpRequest request, string formId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _limiter.Check(request) is { } tooMany
            ? Task.FromResult<Results<JsonHttpResult<SubmissionAccepted>, SeeOtherResult, ProblemAnswer>>(tooMany)
            : StoreOutage.AnswerAsync(() => SubmitCoreAsync(request, formId), p => p, request.HttpContext.RequestAborted);
    }

    private async Task<Results<JsonHttpResult<SubmissionAccepted>, SeeOtherResult, ProblemAnswer>> SubmitCoreAsync(HttpRequest request, string formId)
    {
        var options = _options.Value;
        var cancellationToken = request.HttpContext.RequestAborted;
        var isJson = BodyReader.IsJson(request);
        if (!isJson && !BodyReader.IsForm(request))
        {
            return Problems.UnsupportedMediaType("Send application/json, application/x-www-form-urlencoded or multipart/form-data.");
        }

        var body = await BodyReader.ReadAsync(request, options.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var read = isJson ? BodyReader.FlatJson(body.Body!) : await BodyReader.FormAsync(request, body.Body!, cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var fields = read.Fields!;
        Uri? redirect = null;
        if (fields.TryGetValue(SubmissionFields.Redirect, out var redirectValue) && !string.IsNullOrWhiteSpace(redirectValue))
        {
            redirect = RedirectTargets.Resolve(redirectValue, request, options);
            if (redirect is null)
            {
                return Problems.Invalid(SubmissionFields.Redirect, "Must be a path such as /thanks, or an absolute URL on an allowed origin.");
            }
        }

        var headerValues = request.Headers[IdempotencyKeyHeader];
        if (headerValues.Count > 1)
        {
            return Problems.Invalid(SubmissionFields.SubmissionId, "The Idempotency-Key header appears more than once.");
        }

        var result = await _handler.HandleAsync(formId, fields, BodyReader.Single(headerValues), cancellationToken);
        return result.Status switch
        {
            // Form ids are public (every website form carries one), so the 404 names the valid ones.
            SubmissionStatus.UnknownForm => Problems.NotFound(RejectionReasons.NoSuchForm, $"There is no such form. Forms: {string.Join(", ", _vocabulary.FormIds())}."),
            SubmissionStatus.Invalid => Problems.Invalid(result.Errors),
            _ when redirect is not null => new SeeOtherResult(redirect),
            SubmissionStatus.Ignored => Accepted(new SubmissionAccepted(result.SubmissionId!, null)),
            _ => Accepted(new SubmissionAccepted(result.SubmissionId!, result.LeadId)),
        };
    }

    private static JsonHttpResult<SubmissionAccepted> Accepted(SubmissionAccepted accepted)
        => TypedResults.Json(accepted, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
}
