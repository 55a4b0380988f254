using EntityActors.App.Engine.Batching;

namespace EntityActors.App.Tests.Engine.Batching;

public class KeyedBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_lone_item_is_processed_at_once_in_a_batch_of_its_own()
    {
        var processor = new RecordingProcessor();
        var batcher = new KeyedBatcher<string, int, string>(processor.ProcessAsync, maxItems: 10);

        var result = await batcher.SubmitAsync("a", 1).WaitAsync(Patience);

        result.Should().Be("a:1");
        processor.Batches.Should().ContainSingle().Which.Should().BeEquivalentTo(("a", new[] { 1 }));
        batcher.ActiveKeys.Should().Be(0, "a key without queued work holds nothing");
    }

    [Fact]
    public async Task Items_queued_while_a_batch_of_their_key_is_processed_go_together_in_arrival_order()
    {
        var processor = new RecordingProcessor { Hold = new TaskCompletionSource() };
        var batcher = new KeyedBatcher<string, int, string>(processor.ProcessAsync, maxItems: 10);

        var first = batcher.SubmitAsync("a", 1);
        await processor.Started.Task.WaitAsync(Patience);
        var queued = new[] { 2, 3, 4 }.Select(item => batcher.SubmitAsync("a", item)).ToList();
        processor.Hold.SetResult();

        (await Task.WhenAll([first, .. queued]).WaitAsync(Patience)).Should().Equal("a:1", "a:2", "a:3", "a:4");
        processor.Batches.Select(batch => batch.Items).Should().BeEquivalentTo(new[] { new[] { 1 }, [2, 3, 4] }, options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task With_a_linger_items_handed_in_before_it_ends_go_together_in_the_first_batch()
    {
        var processor = new RecordingProcessor();
        var batcher = new KeyedBatcher<string, int, string>(processor.ProcessAsync, maxItems: 10, linger: TimeSpan.FromSeconds(1));

        var submitted = new[] { 1, 2, 3 }.Select(item => batcher.SubmitAsync("a", item)).ToList();

        (await Task.WhenAll(submitted).WaitAsync(Patience)).Should().Equal("a:1", "a:2", "a:3");
        processor.Batches.Should().ContainSingle("the first item waited for the others").Which.Items.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Keys_do_not_wait_for_each_other()
    {
        var processor = new RecordingProcessor { Hold = new TaskCompletionSource() };
        var batcher = new KeyedBatcher<string, int, string>(processor.ProcessAsync, maxItems: 10);
        var held = batcher.SubmitAsync("slow", 1);
        await processor.Started.Task.WaitAsync(Patience);
        processor.Hold = null;

        var other = await batcher.SubmitAsync("fast", 2).WaitAsync(Patience);

        other.Should().Be("fast:2");
        held.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_item_limit_and_the_weight_limit_but_a_heavy_item_still_goes_alone()
    {
        var processor = new RecordingProcessor { Hold = new TaskCompletionSource() };
        var batcher = new KeyedBatcher<string, int, string>(processor.ProcessAsync, maxItems: 3, weight: item => item, maxWeight: 10);

        var first = batcher.SubmitAsync("a", 1);
        await processor.Started.Task.WaitAsync(Patience);
        var queued = new[] { 2, 3, 4, 5, 20, 1 }.Select(item => batcher.SubmitAsync("a", item)).ToList();
        processor.Hold.SetResult();
        await Task.WhenAll([first, .. queued]).WaitAsync(Patience);

        processor.Batches.Select(batch => batch.Items).Should().BeEquivalentTo(
            new[] { new[] { 1 }, [2, 3, 4], [5], [20], [1] }, options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task A_failed_batch_fails_every_item_in_it_and_the_next_batch_goes_on()
    {
        var processor = new RecordingProcessor { Hold = new TaskCompletionSource(), FailWhen = items => items.Contains(2) };
        var batcher = new KeyedBatcher<string, int, string>(processor.ProcessAsync, maxItems: 2);

        var first = batcher.SubmitAsync("a", 1);
        await processor.Started.Task.WaitAsync(Patience);
        var failing = new[] { 2, 3 }.Select(item => batcher.SubmitAsync("a", item)).ToList();
        var after = batcher.SubmitAsync("a", 4);
        processor.Hold.SetResult();

        (await first.WaitAsync(Patience)).Should().Be("a:1");
        foreach (var item in failing)
        {
            await item.Awaiting(task => task.WaitAsync(Patience)).Should().ThrowAsync<InvalidOperationException>();
        }

        (await after.WaitAsync(Patience)).Should().Be("a:4");
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_does_not_take_its_item_back()
    {
        var processor = new RecordingProcessor { Hold = new TaskCompletionSource() };
        var batcher = new KeyedBatcher<string, int, string>(processor.ProcessAsync, maxItems: 10);
        var first = batcher.SubmitAsync("a", 1);
        await processor.Started.Task.WaitAsync(Patience);
        using var cancelled = new CancellationTokenSource();

        var abandoned = batcher.SubmitAsync("a", 2, cancelled.Token);
        await cancelled.CancelAsync();
        processor.Hold.SetResult();

        await abandoned.Awaiting(task => task).Should().ThrowAsync<OperationCanceledException>();
        await first.WaitAsync(Patience);
        await processor.Drained(expectedBatches: 2).WaitAsync(Patience);
        processor.Batches[1].Items.Should().Equal([2], "the item was handed in: it is processed, its caller just no longer waits for the answer");
    }

    private sealed class RecordingProcessor
    {
        private readonly Lock gate = new();

        public List<(string Key, int[] Items)> Batches { get; } = [];

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource? Hold { get; set; }

        public Func<IReadOnlyList<int>, bool> FailWhen { get; init; } = _ => false;

        public async Task<IReadOnlyList<string>> ProcessAsync(string key, IReadOnlyList<int> items)
        {
            lock (gate)
            {
                Batches.Add((key, [.. items]));
            }

            Started.TrySetResult();
            if (Hold is { } hold)
            {
                await hold.Task;
            }

            return FailWhen(items) ? throw new InvalidOperationException("refused") : [.. items.Select(item => $"{key}:{item}")];
        }

        public async Task Drained(int expectedBatches)
        {
            while (Batches.Count < expectedBatches)
            {
                await Task.Delay(5);
            }
        }
    }
}
