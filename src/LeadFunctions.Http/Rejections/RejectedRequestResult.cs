using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Http.Rejections;

/// <summary>
/// A 4xx answer that logs itself once, at Information, when it is written: status, method, route template and a reason
/// code. Never the path, query, headers or body: those may carry personal data. Both hosts execute the same results,
/// so both log the same lines.
/// </summary>
internal sealed partial class RejectedRequestResult(IResult inner, int status, string reason) : IResult, IStatusCodeHttpResult
{
    public const string LogCategory = "LeadFunctions.Http.RejectedRequests";

    public int? StatusCode => status;

    public string Reason => reason;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var loggers = httpContext.RequestServices?.GetService<ILoggerFactory>();
        if (loggers is not null)
        {
            LogRejected(loggers.CreateLogger(LogCategory), status, httpContext.Request.Method, ApiRoutes.TemplateOf(httpContext), reason);
        }

        return inner.ExecuteAsync(httpContext);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Request rejected: {Status} {Method} {Route} ({Reason})")]
    private static partial void LogRejected(ILogger logger, int status, string method, string route, string reason);
}
