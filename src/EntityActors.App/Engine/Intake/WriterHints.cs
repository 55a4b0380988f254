using System.Collections.Concurrent;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Intake;

/// <summary>
/// Where the writers of entities hosted by other replicas were last found: the direct address each named in its answer.
/// A hint is only ever a shortcut; a writer that moved declines (<see cref="PeerWriters"/>), and the hint is forgotten.
/// </summary>
public sealed class WriterHints(IOptions<PeerRoutingOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Hint> hints = new(StringComparer.Ordinal);
    private readonly Uri? self = options.Value.DirectAddress;
    private readonly string? selfText = options.Value.DirectAddress?.ToString();

    /// <summary>Remembers that <paramref name="writer"/> answered for <paramref name="address"/>; this replica's own address is no hint.</summary>
    public void Learn(EntityAddress address, string? writer)
    {
        // With one replica every routed answer names this one: told apart before any parsing, on the intake's path.
        if (writer is null || writer == selfText || !Uri.TryCreate(writer, UriKind.Absolute, out var uri) || uri == self)
        {
            return;
        }

        if (hints.Count >= options.Value.MaxHints)
        {
            ForgetOldest();
        }

        hints[address.InstanceId] = new Hint(uri, time.GetUtcNow());
    }

    public bool TryGet(EntityAddress address, out Uri writer)
    {
        if (hints.TryGetValue(address.InstanceId, out var hint) && time.GetUtcNow() - hint.LearnedAt < options.Value.HintLifetime)
        {
            writer = hint.Writer;
            return true;
        }

        writer = null!;
        return false;
    }

    /// <summary>Forgets the hint for <paramref name="address"/> if it still points at <paramref name="writer"/>.</summary>
    public void Forget(EntityAddress address, Uri writer)
    {
        if (hints.TryGetValue(address.InstanceId, out var hint) && hint.Writer == writer)
        {
            hints.TryRemove(new KeyValuePair<string, Hint>(address.InstanceId, hint));
        }
    }

    public int Count => hints.Count;

    private void ForgetOldest()
    {
        var oldest = hints.OrderBy(hint => hint.Value.LearnedAt).Take(hints.Count / 2).ToList();
        foreach (var hint in oldest)
        {
            hints.TryRemove(hint);
        }
    }

    private sealed record Hint(Uri Writer, DateTimeOffset LearnedAt);
}
