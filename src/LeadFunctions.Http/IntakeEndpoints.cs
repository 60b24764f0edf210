using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Http.RateLimiting;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http;

/// <summary>POST /api/forms/{formId}/submissions: the public website form intake (anonymous).</summary>
public static class IntakeEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// 202 {submissionId, leadId} once stored (a replay gets the same answer); 303 to the form's redirect when
    /// <see cref="RedirectTargets"/> lets it through. A filled honeypot is answered 202 {submissionId} without a leadId,
    /// and nothing is stored. A client over Intake:RateLimit is answered 429 with Retry-After before the body is read.
    /// </summary>
    public static Task<IResult> SubmitAsync(HttpRequest request, string formId)
        => IntakeRateLimiter.Refuse(request) is { } tooMany
            ? Task.FromResult(tooMany)
            : Guard.RunAsync(request, () => SubmitCoreAsync(request, formId));

    private static async Task<IResult> SubmitCoreAsync(HttpRequest request, string formId)
    {
        var services = request.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<IntakeOptions>>().Value;
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

        var handler = services.GetRequiredService<SubmitFormHandler>();
        var result = await handler.HandleAsync(formId, fields, BodyReader.Single(headerValues), cancellationToken);
        return result.Status switch
        {
            SubmissionStatus.UnknownForm => Problems.NotFound(RejectionReasons.NoSuchForm, NoSuchForm(services)),
            SubmissionStatus.Invalid => Problems.Invalid(result.Errors),
            _ when redirect is not null => new SeeOtherResult(redirect),
            SubmissionStatus.Ignored => Results.Json(new { submissionId = result.SubmissionId }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
            _ => Results.Json(new { submissionId = result.SubmissionId, leadId = result.LeadId }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
        };
    }

    /// <summary>Form ids are public (every website form carries one), so the 404 names the valid ones.</summary>
    private static string NoSuchForm(IServiceProvider services)
        => $"There is no such form. Forms: {string.Join(", ", services.GetRequiredService<PlaybookVocabulary>().FormIds())}.";

    private sealed class SeeOtherResult(Uri location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location.AbsoluteUri;
            return Task.CompletedTask;
        }
    }
}
