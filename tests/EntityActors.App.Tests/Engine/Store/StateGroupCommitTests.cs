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
}
