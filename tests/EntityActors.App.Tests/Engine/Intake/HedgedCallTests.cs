using EntityActors.App.Engine.Intake;

namespace EntityActors.App.Tests.Engine.Intake;

public class HedgedCallTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HedgeAfter = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_call_answered_before_the_delay_is_made_once()
    {
        var calls = new Calls(_ => Task.FromResult("first"));

        var answer = await HedgedCall.RunAsync(calls.Next, HedgeAfter, calls.Hedged, CancellationToken.None).WaitAsync(Patience);

        answer.Should().Be("first");
        await Task.Delay(HedgeAfter * 3);
        calls.Made.Should().Be(1);
        calls.Hedges.Should().Be(0);
    }

    [Fact]
    public async Task A_call_unanswered_past_the_delay_is_made_again_and_the_second_answer_is_taken()
    {
        var hung = new TaskCompletionSource<string>();
        var calls = new Calls(n => n == 1 ? hung.Task : Task.FromResult("second"));

        var answer = await HedgedCall.RunAsync(calls.Next, HedgeAfter, calls.Hedged, CancellationToken.None).WaitAsync(Patience);

        answer.Should().Be("second");
        calls.Made.Should().Be(2);
        calls.Hedges.Should().Be(1);
        hung.SetException(new InvalidOperationException("given up; must not surface"));
    }

    [Fact]
    public async Task The_first_call_failing_after_the_second_was_made_waits_for_the_second()
    {
        var first = new TaskCompletionSource<string>();
        var second = new TaskCompletionSource<string>();
        var calls = new Calls(n => n == 1 ? first.Task : second.Task);

        var answering = HedgedCall.RunAsync(calls.Next, HedgeAfter, calls.Hedged, CancellationToken.None);
        await calls.SecondMade.Task.WaitAsync(Patience);
        first.SetException(new HttpRequestException("the old host went away"));
        await Task.Delay(HedgeAfter);
        answering.IsCompleted.Should().BeFalse("the second call may still answer");
        second.SetResult("second");

        (await answering.WaitAsync(Patience)).Should().Be("second");
    }

    [Fact]
    public async Task Both_calls_failing_fails_with_the_later_failure()
    {
        var calls = new Calls(n => n == 1
            ? Task.Delay(HedgeAfter * 2).ContinueWith<string>(_ => throw new InvalidOperationException("first"), TaskScheduler.Default)
            : Task.Delay(HedgeAfter * 4).ContinueWith<string>(_ => throw new InvalidOperationException("second"), TaskScheduler.Default));

        var answering = () => HedgedCall.RunAsync(calls.Next, HedgeAfter, calls.Hedged, CancellationToken.None).WaitAsync(Patience);

        (await answering.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("second");
    }

    [Fact]
    public async Task A_call_that_fails_before_the_delay_is_not_made_again()
    {
        var calls = new Calls(_ => Task.FromException<string>(new InvalidOperationException("refused")));

        var answering = () => HedgedCall.RunAsync(calls.Next, HedgeAfter, calls.Hedged, CancellationToken.None).WaitAsync(Patience);

        await answering.Should().ThrowAsync<InvalidOperationException>();
        calls.Made.Should().Be(1);
    }

    [Fact]
    public async Task A_zero_delay_never_hedges()
    {
        var hung = new TaskCompletionSource<string>();
        var calls = new Calls(_ => hung.Task);

        var answering = HedgedCall.RunAsync(calls.Next, TimeSpan.Zero, calls.Hedged, CancellationToken.None);
        await Task.Delay(HedgeAfter * 3);
        hung.SetResult("first");

        (await answering.WaitAsync(Patience)).Should().Be("first");
        calls.Made.Should().Be(1);
    }

    [Fact]
    public async Task Cancelled_before_the_delay_gives_up_without_a_second_call()
    {
        var hung = new TaskCompletionSource<string>();
        var calls = new Calls(_ => hung.Task);
        using var cancellation = new CancellationTokenSource(HedgeAfter / 5);

        var answering = () => HedgedCall.RunAsync(calls.Next, TimeSpan.FromSeconds(5), calls.Hedged, cancellation.Token).WaitAsync(Patience);

        await answering.Should().ThrowAsync<OperationCanceledException>();
        hung.SetException(new InvalidOperationException("given up; must not surface"));
        calls.Made.Should().Be(1);
        calls.Hedges.Should().Be(0);
    }

    private sealed class Calls(Func<int, Task<string>> answer)
    {
        private int made;
        private int hedges;

        public int Made => made;

        public int Hedges => hedges;

        public TaskCompletionSource SecondMade { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Next()
        {
            var n = Interlocked.Increment(ref made);
            if (n == 2)
            {
                SecondMade.TrySetResult();
            }

            return answer(n);
        }

        public void Hedged() => Interlocked.Increment(ref hedges);
    }
}
