using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http.Answers;

/// <summary>303 to where a browser's form post asked to go next: the browser follows it with a GET.</summary>
public sealed class SeeOtherResult : IResult, IStatusCodeHttpResult
{
    private readonly Uri _location;

    public SeeOtherResult(Uri location) => _location = location;

    public int? StatusCode => StatusCodes.Status303SeeOther;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = _location.AbsoluteUri;
        return Task.CompletedTask;
    }
}
