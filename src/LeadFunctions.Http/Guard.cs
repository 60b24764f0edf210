using LeadFunctions.Engine.Ports;
using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http;

/// <summary>Maps a storage outage to 503 with Retry-After, for every endpoint and both hosts.</summary>
internal static class Guard
{
    public static async Task<IResult> RunAsync(HttpRequest request, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (StoreUnavailableException)
        {
            return Problems.Unavailable();
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left; nothing to answer.
            return Results.Empty;
        }
    }
}
