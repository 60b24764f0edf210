using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http.Answers;

/// <summary>
/// Every answer other than success, as one type endpoints can name in their <c>Results&lt;...&gt;</c>: a logged RFC 7807
/// refusal, a 503 with Retry-After, or nothing at all for a client that left. Made only by <see cref="Problems"/>.
/// </summary>
public sealed class ProblemAnswer : IResult, IStatusCodeHttpResult
{
    private readonly IResult _inner;

    internal ProblemAnswer(IResult inner) => _inner = inner;

    public int? StatusCode => (_inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => _inner.ExecuteAsync(httpContext);
}
