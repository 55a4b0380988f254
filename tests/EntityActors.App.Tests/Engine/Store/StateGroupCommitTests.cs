using Dapr.Client;
using EntityActors.App.Engine.Store;

namespace EntityActors.App.Tests.Engine.Store;

public class StateGroupCommitTests
{
    [Fact]
    public async Task A_lone_write_is_committed_at_once_in_its_own_transaction()
    {
        var store = new RecordingStore();
        var commit = new StateGroupCommit(store.CommitAsync);

        await commit.WriteAsync(Writes("a:head", "a:signal:1"), CancellationToken.None);

        store.Transactions.Should().ContainSingle().Which.Should().Equal("a:head", "a:signal:1");
    }

    [Fact]
    public async Task Writes_handed_in_while_a_transaction_is_in_flight_share_the_next_one()
    {
        var store = new RecordingStore();
        var release = new TaskCompletionSource();
        store.Hold = release.Task;
        var commit = new StateGroupCommit(store.CommitAsync);

        var first = commit.WriteAsync(Writes("a:head"), CancellationToken.None);
        await store.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var others = new[] { "b:head", "c:head", "d:head" }.Select(key => commit.WriteAsync(Writes(key), CancellationToken.None)).ToList();
        release.SetResult();
        await Task.WhenAll([first, .. others]).WaitAsync(TimeSpan.FromSeconds(5));

        store.Transactions.Should().HaveCount(2);
        store.Transactions[0].Should().Equal("a:head");
        store.Transactions[1].Should().Equal("b:head", "c:head", "d:head");
    }

    [Fact]
    public async Task When_a_shared_transaction_fails_only_the_write_at_fault_fails_and_the_others_commit()
    {
        var store = new RecordingStore { Refuse = "b:key:k1" };
        var release = new TaskCompletionSource();
        store.Hold = release.Task;
        var commit = new StateGroupCommit(store.CommitAsync);

        var first = commit.WriteAsync(Writes("a:head"), CancellationToken.None);
        await store.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var good = commit.WriteAsync(Writes("c:head"), CancellationToken.None);
        var refused = commit.WriteAsync(Writes("b:key:k1", "b:head"), CancellationToken.None);
        var alsoGood = commit.WriteAsync(Writes("d:head"), CancellationToken.None);
        release.SetResult();

        await Task.WhenAll(first, good, alsoGood).WaitAsync(TimeSpan.FromSeconds(5));
        var failing = async () => await refused.WaitAsync(TimeSpan.FromSeconds(5));
        await failing.Should().ThrowAsync<InvalidOperationException>().WithMessage("*etag mismatch*");
        store.Committed.Should().BeEquivalentTo(["a:head", "c:head", "d:head"], "each write of the failed transaction was tried again on its own");
    }

    [Fact]
    public async Task With_several_lanes_a_write_does_not_wait_for_another_entitys_transaction_in_flight()
    {
        var store = new GatedStore();
        var commit = new StateGroupCommit(store.CommitAsync, lanes: 2);

        var first = commit.WriteAsync(Writes("a:head"), CancellationToken.None);
        var second = commit.WriteAsync(Writes("b:head"), CancellationToken.None);
        await store.Started(2).WaitAsync(TimeSpan.FromSeconds(5));

        store.InFlight.Should().Be(2, "the second write took the idle lane instead of queueing behind the first");
        store.Release();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5));
        store.Transactions.Should().BeEquivalentTo([new[] { "a:head" }, ["b:head"]]);
    }

    [Fact]
    public async Task With_every_lane_busy_writes_share_transactions_and_no_more_than_the_lanes_run_at_once()
    {
        var store = new GatedStore();
        var commit = new StateGroupCommit(store.CommitAsync, lanes: 2);

        var busy = new[] { "a:head", "b:head" }.Select(key => commit.WriteAsync(Writes(key), CancellationToken.None)).ToList();
        await store.Started(2).WaitAsync(TimeSpan.FromSeconds(5));
        var queued = new[] { "c:head", "d:head", "e:head", "f:head" }.Select(key => commit.WriteAsync(Writes(key), CancellationToken.None)).ToList();
        store.Release();
        await Task.WhenAll([.. busy, .. queued]).WaitAsync(TimeSpan.FromSeconds(5));

        store.MostInFlight.Should().Be(2);
        store.Transactions.Should().HaveCount(4, "the four writes queued behind two busy lanes went in two transactions, two each");
        store.Transactions.Skip(2).Should().AllSatisfy(keys => keys.Should().HaveCount(2));
        store.Transactions.SelectMany(keys => keys).Should().BeEquivalentTo(["a:head", "b:head", "c:head", "d:head", "e:head", "f:head"]);
    }

    private static List<StateTransactionRequest> Writes(params string[] keys) =>
        [.. keys.Select(key => new StateTransactionRequest(key, [0x31], StateOperationType.Upsert))];

    /// <summary>An all-or-nothing store: a transaction holding the refused key fails and writes nothing.</summary>
    private sealed class RecordingStore
    {
        public List<string[]> Transactions { get; } = [];

        public List<string> Committed { get; } = [];

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task? Hold { get; set; }

        public string? Refuse { get; init; }

        public async Task CommitAsync(IReadOnlyList<StateTransactionRequest> writes)
        {
            var keys = writes.Select(write => write.Key).ToArray();
            lock (Transactions)
            {
                Transactions.Add(keys);
            }

            FirstStarted.TrySetResult();
            if (Hold is { } hold)
            {
                Hold = null;
                await hold;
            }

            if (Refuse is not null && keys.Contains(Refuse))
            {
                throw new InvalidOperationException("possible etag mismatch");
            }

            lock (Transactions)
            {
                Committed.AddRange(keys);
            }
        }
    }
    /// <summary>Holds every transaction until released, counting how many run at once.</summary>
    private sealed class GatedStore
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource Waiter)> waiters = [];
        private int started;

        public List<string[]> Transactions { get; } = [];

        public int InFlight { get; private set; }

        public int MostInFlight { get; private set; }

        public void Release() => gate.TrySetResult();

        /// <summary>Completes once <paramref name="count"/> transactions have started.</summary>
        public Task Started(int count)
        {
            lock (Transactions)
            {
                var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add((count, waiter));
                Notify();
                return waiter.Task;
            }
        }

        public async Task CommitAsync(IReadOnlyList<StateTransactionRequest> writes)
        {
            lock (Transactions)
            {
                Transactions.Add([.. writes.Select(write => write.Key)]);
                started++;
                InFlight++;
                MostInFlight = Math.Max(MostInFlight, InFlight);
                Notify();
            }

            await gate.Task;
            lock (Transactions)
            {
                InFlight--;
            }
        }

        private void Notify() => waiters.Where(waiter => started >= waiter.Count).ToList().ForEach(waiter => waiter.Waiter.TrySetResult());
    }
}
