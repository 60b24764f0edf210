using System.Collections.Concurrent;
using LeadFunctions.Engine.Concurrency;

namespace LeadFunctions.Engine.Tests.Concurrency;

public sealed class JoinedLineTests
{
    [Fact]
    public async Task Requests_arriving_while_a_group_is_in_hand_share_the_next_groups_as_far_as_they_are_admitted()
    {
        var firstInHand = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var groups = new ConcurrentQueue<int[]>();
        var line = new JoinedLine<int, int>(
            async group =>
            {
                groups.Enqueue([.. group]);
                firstInHand.TrySetResult();
                await release.Task;
                return [.. group.Select(n => n * 10)];
            },
            (group, _) => group.Count < 3);

        var first = line.JoinAsync(1, CancellationToken.None);
        await firstInHand.Task;
        var rest = Enumerable.Range(2, 7).Select(n => line.JoinAsync(n, CancellationToken.None)).ToList();
        release.SetResult();

        Assert.Equal(10, await first);
        Assert.Equal(Enumerable.Range(2, 7).Select(n => n * 10), await Task.WhenAll(rest));
        Assert.Equal([[1], [2, 3, 4], [5, 6, 7], [8]], groups.Select(g => g.ToList()));
    }

    [Fact]
    public async Task A_failed_group_fails_each_of_its_requests_and_the_line_goes_on()
    {
        var line = new JoinedLine<int, int>(
            group => group.Contains(13) ? throw new InvalidOperationException("thirteen") : Task.FromResult<IReadOnlyList<int>>([.. group]),
            (_, _) => false);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => line.JoinAsync(13, CancellationToken.None));

        Assert.Equal("thirteen", failure.Message);
        Assert.Equal(14, await line.JoinAsync(14, CancellationToken.None));
    }

    [Fact]
    public async Task A_handler_that_leaves_a_request_unanswered_fails_the_group()
    {
        var line = new JoinedLine<int, int>(_ => Task.FromResult<IReadOnlyList<int>>([]), (_, _) => true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => line.JoinAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task A_request_whose_caller_gave_up_before_its_group_was_taken_is_left_out()
    {
        var firstInHand = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<int>();
        var line = new JoinedLine<int, int>(
            async group =>
            {
                foreach (var n in group)
                {
                    handled.Enqueue(n);
                }

                firstInHand.TrySetResult();
                await release.Task;
                return [.. group];
            },
            (_, _) => true);

        var first = line.JoinAsync(1, CancellationToken.None);
        await firstInHand.Task;
        using var giveUp = new CancellationTokenSource();
        var abandoned = line.JoinAsync(2, giveUp.Token);
        var kept = line.JoinAsync(3, CancellationToken.None);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        release.SetResult();

        Assert.Equal(1, await first);
        Assert.Equal(3, await kept);
        Assert.Equal([1, 3], handled);
    }
}
