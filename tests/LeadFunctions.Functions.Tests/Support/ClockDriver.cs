using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.Functions.Tests.Support;

public static class ClockDriver
{
    /// <summary>
    /// Moves the fake clock a second at a time, letting real I/O run in between, until the work ends; bounded, so a
    /// bug that never ends the work fails the test instead of hanging the run.
    /// </summary>
    public static async Task DriveAsync(this FakeTimeProvider time, Task work, TimeSpan limit)
    {
        var until = time.GetUtcNow() + limit;
        while (!work.IsCompleted && time.GetUtcNow() < until)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await work.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
