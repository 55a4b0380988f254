using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using EntityActors.Bench.Measuring;

namespace EntityActors.Bench.Scenarios.ManyEntities;

/// <summary>
/// One more round per side, not timed as a rate, with a reader per entity that learns as early as the side lets it
/// when a signal was applied: how long each signal waited from its acknowledgement until then, while the others kept
/// coming. The product's reader long-polls <c>GET ?minSequence=seen+1&amp;wait=30</c>; Restate's attaches to each
/// sent invocation of its key in turn (<c>GET /restate/invocation/{id}/attach</c>, Restate's own wait for a one-way
/// call's result), since a virtual object runs its key's calls in order. A signal counts as applied when the reader
/// first saw its entity at or past its sequence.
/// </summary>
public sealed class ManyEntitiesUnderLoad(BenchContext context, ManyEntitiesRounds rounds)
{
    private readonly BenchOptions options = context.Options;

    public async Task<LatencySummary> ProductAsync(CancellationToken cancellationToken)
    {
        var ids = await rounds.CreateProductEntitiesAsync("many-load", cancellationToken);
        var last = options.SignalsPerEntity + 1;
        var acknowledged = new ConcurrentDictionary<(int Entity, long Sequence), long>();
        var applied = ids.Select(_ => new List<(long Sequence, long At)>()).ToArray();
        var readers = Enumerable.Range(0, ids.Length).Select(e => Task.Run(async () =>
        {
            for (var seen = 1L; seen < last;)
            {
                var view = await context.Product.WaitForSequenceAsync(ids[e], seen + 1, options.ApplyTimeout, cancellationToken);
                applied[e].Add((view.Sequence, Stopwatch.GetTimestamp()));
                seen = view.Sequence;
            }
        }, cancellationToken)).ToList();

        await Senders.RunAsync(ids.Length * options.SignalsPerEntity, options.Senders, async (i, token) =>
        {
            var ack = await context.Product.SignalAsync(ids[i % ids.Length], $"load-{i / ids.Length}", null, token);
            acknowledged[(i % ids.Length, ack.Sequence)] = Stopwatch.GetTimestamp();
        }, cancellationToken);
        await Task.WhenAll(readers);
        return Summarize("product", acknowledged, applied);
    }

    public async Task<LatencySummary> RestateAsync(CancellationToken cancellationToken)
    {
        var ids = await rounds.CreateRestateEntitiesAsync("many-load", cancellationToken);
        var sent = ids.Select(_ => Channel.CreateUnbounded<(string InvocationId, long At)>()).ToArray();
        var acknowledged = new ConcurrentDictionary<(int Entity, long Sequence), long>();
        var applied = ids.Select(_ => new List<(long Sequence, long At)>()).ToArray();
        var readers = Enumerable.Range(0, ids.Length).Select(e => Task.Run(async () =>
        {
            for (var n = 0; n < options.SignalsPerEntity; n++)
            {
                var (invocation, acknowledgedAt) = await sent[e].Reader.ReadAsync(cancellationToken);
                var view = await context.Restate.AttachAsync(invocation, cancellationToken);
                applied[e].Add((view.Sequence, Stopwatch.GetTimestamp()));
                acknowledged[(e, view.Sequence)] = acknowledgedAt;
            }
        }, cancellationToken)).ToList();

        await Senders.RunAsync(ids.Length * options.SignalsPerEntity, options.Senders, async (i, token) =>
        {
            var invocation = await context.Restate.SendRestockAsync(ids[i % ids.Length], $"load-{i / ids.Length}", token);
            await sent[i % ids.Length].Writer.WriteAsync((invocation, Stopwatch.GetTimestamp()), token);
        }, cancellationToken);
        await Task.WhenAll(readers);
        return Summarize("restate", acknowledged, applied);
    }

    private LatencySummary Summarize(string side, ConcurrentDictionary<(int Entity, long Sequence), long> acknowledged, List<(long Sequence, long At)>[] applied)
    {
        var waits = acknowledged.Select(pair =>
        {
            var seenAt = applied[pair.Key.Entity].Where(view => view.Sequence >= pair.Key.Sequence).Min(view => view.At);
            return Math.Max(0, Stopwatch.GetElapsedTime(pair.Value, seenAt).TotalMilliseconds);
        }).ToList();
        var summary = LatencySummary.Of(waits);
        context.Log.Line($"  {side,-8} under load, acknowledged → applied: {summary}");
        return summary;
    }
}
