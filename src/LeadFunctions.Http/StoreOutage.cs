using LeadFunctions.Engine.Ports;
using LeadFunctions.Http.Answers;

namespace LeadFunctions.Http;

/// <summary>Answers a storage outage with 503 and Retry-After, the same for every endpoint and both hosts.</summary>
internal static class StoreOutage
{
    /// <param name="problem">How the endpoint's result type holds a <see cref="ProblemAnswer"/>: <c>p => p</c>.</param>
    public static async Task<TResult> AnswerAsync<TResult>(Func<Task<TResult>> handler, Func<ProblemAnswer, TResult> problem, CancellationToken aborted)
    {
        try
        {
            return await handler();
        }
        catch (StoreUnavailableException)
        {
            return problem(Problems.Unavailable());
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left; nothing to answer.
            return problem(Problems.ClientGone());
        }
    }
}
