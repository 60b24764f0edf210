using Azure;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage;

/// <summary>Maps the SDK's failures onto the engine's: an outage is "try again", never a 500 and never half a write.</summary>
internal static class StorageFailures
{
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException ex) when (IsTransient(ex))
        {
            throw new StoreUnavailableException("Table Storage did not answer.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new StoreUnavailableException("Table Storage could not be reached.", ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException or HttpRequestException))
        {
            throw new StoreUnavailableException("Table Storage could not be reached.", ex);
        }
    }

    public static async Task Guard(Func<Task> call) => await Guard(async () =>
    {
        await call();
        return true;
    });

    private static bool IsTransient(RequestFailedException ex) => ex.Status is 0 or 408 or 429 or >= 500;
}
