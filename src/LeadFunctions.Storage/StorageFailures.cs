using Azure;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage;

/// <summary>Maps the SDK's failures onto the engine's: an outage is "try again", never a 500 and never half a write.</summary>
internal static class StorageFailures
{
    public const string TableNotFound = "TableNotFound";
    public const string QueueNotFound = "QueueNotFound";

    /// <param name="onTableMissing">Called when the table or queue itself is gone (deleted, or an emulator restarted empty), so it can be created again.</param>
    public static async Task<T> MapOutagesAsync<T>(Func<Task<T>> call, Action? onTableMissing = null)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException ex) when (ex.ErrorCode is TableNotFound or QueueNotFound)
        {
            onTableMissing?.Invoke();
            throw new StoreUnavailableException("The table or queue is missing; it is created again on the next call.", ex);
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

    public static async Task MapOutagesAsync(Func<Task> call, Action? onTableMissing = null) => await MapOutagesAsync(
        async () =>
        {
            await call();
            return true;
        },
        onTableMissing);

    private static bool IsTransient(RequestFailedException ex) => ex.Status is 0 or 408 or 429 or >= 500;
}
