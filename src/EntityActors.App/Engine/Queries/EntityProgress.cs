using System.Collections.Concurrent;

namespace EntityActors.App.Engine.Queries;

/// <summary>
/// In-process news of entity progress, so callers waiting for an outcome or a version do not poll the
/// sidecar: the entity's signal lane reports each sequence it saw applied in the workflow's saved status (and
/// the overflow recording activity the ones it records), and waiters re-read the entity then. Best effort by
/// design: the entity's actor, and so its lane, may live in another replica, so waiters also re-read on a slow
/// fallback interval.
/// </summary>
public sealed class EntityProgress
{
    private readonly ConcurrentDictionary<string, Waiters> waiting = new(StringComparer.Ordinal);

    /// <summary>Completes when <paramref name="instanceId"/> reports a sequence at or above <paramref name="sequence"/>.</summary>
    public Task WhenReachedAsync(string instanceId, long sequence, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            var waiters = waiting.GetOrAdd(instanceId, static _ => new Waiters());
            lock (waiters)
            {
                if (waiters.Removed)
                {
                    continue;
                }

                if (waiters.Reached >= sequence)
                {
                    return Task.CompletedTask;
                }

                waiters.Pending.Add((sequence, completion));
            }

            return WaitAsync(instanceId, waiters, completion, cancellationToken);
        }
    }

    public void Reached(string instanceId, long sequence)
    {
        if (!waiting.TryGetValue(instanceId, out var waiters))
        {
            return;
        }

        List<TaskCompletionSource> done;
        lock (waiters)
        {
            waiters.Reached = Math.Max(waiters.Reached, sequence);
            done = waiters.Pending.Where(p => p.Sequence <= sequence).Select(p => p.Completion).ToList();
            waiters.Pending.RemoveAll(p => p.Sequence <= sequence);
            ForgetIfIdle(instanceId, waiters);
        }

        done.ForEach(completion => completion.TrySetResult());
    }

    private async Task WaitAsync(string instanceId, Waiters waiters, TaskCompletionSource completion, CancellationToken cancellationToken)
    {
        try
        {
            await completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (waiters)
            {
                waiters.Pending.RemoveAll(p => p.Completion == completion);
                ForgetIfIdle(instanceId, waiters);
            }
        }
    }

    private void ForgetIfIdle(string instanceId, Waiters waiters)
    {
        if (waiters.Pending.Count == 0 && !waiters.Removed)
        {
            waiters.Removed = true;
            waiting.TryRemove(new KeyValuePair<string, Waiters>(instanceId, waiters));
        }
    }

    private sealed class Waiters
    {
        public List<(long Sequence, TaskCompletionSource Completion)> Pending { get; } = [];

        public long Reached { get; set; }

        public bool Removed { get; set; }
    }
}
