using EntityActors.App.Engine.Relay;

namespace EntityActors.App.Tests.Engine.Relay;

public class RaiseSlotsTests
{
    private static readonly TimeSpan LongHold = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task With_every_slot_taken_the_next_raise_starts_only_when_one_finishes()
    {
        using var slots = new RaiseSlots(1, LongHold);
        var first = new TaskCompletionSource();
        var secondStarted = false;

        var running = slots.RunAsync(() => first.Task, CancellationToken.None);
        var waiting = slots.RunAsync(() => { secondStarted = true; return Task.CompletedTask; }, CancellationToken.None);
        await Task.Delay(50);

        secondStarted.Should().BeFalse();
        first.SetResult();
        await Task.WhenAll(running, waiting);
        secondStarted.Should().BeTrue();
    }

    [Fact]
    public async Task A_raise_that_keeps_its_slot_past_the_hold_gives_it_up_and_is_still_awaited()
    {
        using var slots = new RaiseSlots(1, TimeSpan.FromMilliseconds(20));
        var stuck = new TaskCompletionSource();

        var slow = slots.RunAsync(() => stuck.Task, CancellationToken.None);
        await slots.RunAsync(() => Task.CompletedTask, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        slow.IsCompleted.Should().BeFalse("the slow raise goes on after giving up its slot");
        stuck.SetResult();
        await slow;
    }

    [Fact]
    public async Task A_failed_raise_reaches_its_caller_and_frees_its_slot()
    {
        using var slots = new RaiseSlots(1, LongHold);

        var failing = () => slots.RunAsync(() => Task.FromException(new InvalidOperationException("sidecar down")), CancellationToken.None);

        await failing.Should().ThrowAsync<InvalidOperationException>().WithMessage("sidecar down");
        await slots.RunAsync(() => Task.CompletedTask, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task As_many_raises_as_slots_run_at_once()
    {
        using var slots = new RaiseSlots(3, LongHold);
        var release = new TaskCompletionSource();
        var started = 0;

        var raises = Enumerable.Range(0, 5)
            .Select(_ => slots.RunAsync(() => { Interlocked.Increment(ref started); return release.Task; }, CancellationToken.None))
            .ToList();
        await Task.Delay(50);

        Volatile.Read(ref started).Should().Be(3);
        release.SetResult();
        await Task.WhenAll(raises);
        started.Should().Be(5);
    }

    [Fact]
    public async Task A_slot_stays_taken_after_the_raise_until_its_batch_is_applied()
    {
        using var slots = new RaiseSlots(1, LongHold);
        var applied = new TaskCompletionSource();
        var secondStarted = false;

        await slots.RunAsync(() => Task.FromResult<Task>(applied.Task), CancellationToken.None);
        var waiting = slots.RunAsync(() => { secondStarted = true; return Task.CompletedTask; }, CancellationToken.None);
        await Task.Delay(50);

        secondStarted.Should().BeFalse("the first batch is raised but not applied");
        applied.SetResult();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        secondStarted.Should().BeTrue();
    }

    [Fact]
    public async Task A_batch_not_applied_within_the_hold_gives_its_slot_back()
    {
        using var slots = new RaiseSlots(1, TimeSpan.FromMilliseconds(20));
        var neverApplied = new TaskCompletionSource();

        await slots.RunAsync(() => Task.FromResult<Task>(neverApplied.Task), CancellationToken.None);

        await slots.RunAsync(() => Task.CompletedTask, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
