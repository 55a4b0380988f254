using System.Collections.Concurrent;

namespace EntityActors.App.Engine.Queries;

/// <summary>
/// In-process news that an entity changed, so a query waiting for a sequence or version does not poll: the entity's
/// single writer reports every stored batch, and waiters re-read then. Best effort by design: the writer may live in
/// another replica, so waiters also re-read on a slow fallback interval.
/// </summary>
public sealed class EntityChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> next = new(StringComparer.Ordinal);

    /// <summary>Completes at the next change of <paramref name="instanceId"/>. Take it before reading, so a change in between is not missed.</summary>
    public Task NextChangeAsync(string instanceId) =>
        next.GetOrAdd(instanceId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Changed(string instanceId)
    {
        if (next.TryRemove(instanceId, out var changed))
        {
            changed.TrySetResult();
        }
    }
}
