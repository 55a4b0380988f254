using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Engine.Store;

namespace EntityActors.App.History;

/// <summary>
/// Reads an entity's history, newest first, from the one record stored per signal: its envelope
/// (<c>{instance}:signal:{seq}</c>), which holds the signal, its acceptance time and trace, and what its single writer
/// decided (outcome and events). Records stored before signals were decided at intake lack the decision; for those the
/// separate outcome record (<c>{instance}:outcome:{seq}</c>) is read, as it was stored then. Records expire with the
/// idempotency retention, so the history reaches back that far.
/// </summary>
public sealed class EntityHistoryReader(IEntityStore store, EntityReader reader)
{
    /// <summary>Up to <paramref name="limit"/> handled signals below <paramref name="before"/> (all when null), newest first; null for an unknown entity.</summary>
    public async Task<HistoryPage?> ReadAsync(EntityAddress address, long? before, int limit, CancellationToken cancellationToken)
    {
        var view = await reader.GetAsync<JsonElement>(address, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var top = Math.Min(view.Sequence, (before ?? long.MaxValue) - 1);
        if (top < 1)
        {
            return new HistoryPage([], null);
        }

        var from = Math.Max(1, top - limit + 1);
        var stored = await LoadAsync(address, from, top, cancellationToken);
        var items = new List<HistoryEntry>();
        for (var sequence = top; sequence >= from; sequence--)
        {
            if (Entry(address, sequence, stored) is not { } entry)
            {
                // Expired, and so is everything older (records expire in the order they were written).
                return new HistoryPage(items, null);
            }

            items.Add(entry);
        }

        return new HistoryPage(items, from > 1 ? from : null);
    }

    /// <summary>What is stored of the signals <paramref name="from"/>..<paramref name="to"/>: envelopes, and the outcomes the older ones lack.</summary>
    private async Task<Known> LoadAsync(EntityAddress address, long from, long to, CancellationToken cancellationToken)
    {
        var known = new Known();
        var keys = new List<string>();
        for (var sequence = from; sequence <= to; sequence++)
        {
            keys.Add(address.EnvelopeKey(sequence));
        }

        var items = await store.GetBulkAsync(keys, cancellationToken);
        var undecided = new List<string>();
        foreach (var item in items.Where(item => !string.IsNullOrEmpty(item.Value)))
        {
            var envelope = JsonSerializer.Deserialize<SignalEnvelope>(item.Value, EntityJson.Options)!;
            known.Envelopes[envelope.Sequence] = envelope;
            if (envelope.Outcome is { } outcome)
            {
                known.Outcomes[envelope.Sequence] = (outcome, envelope.Events);
            }
            else
            {
                undecided.Add(address.OutcomeKey(envelope.Sequence));
            }
        }

        if (undecided.Count > 0)
        {
            var records = await store.GetBulkAsync(undecided, cancellationToken);
            foreach (var record in records.Where(record => !string.IsNullOrEmpty(record.Value)))
            {
                var outcome = JsonSerializer.Deserialize<SignalOutcome>(record.Value, EntityJson.Options)!;
                known.Outcomes[outcome.Sequence] = (outcome, null);
            }
        }

        return known;
    }

    private static HistoryEntry? Entry(EntityAddress address, long sequence, Known known)
    {
        known.Envelopes.TryGetValue(sequence, out var envelope);
        var hasOutcome = known.Outcomes.TryGetValue(sequence, out var applied);
        if (envelope is null && !hasOutcome)
        {
            return null;
        }

        var outcome = applied.Outcome;
        return new HistoryEntry(
            sequence,
            envelope?.SignalId ?? outcome?.SignalId ?? address.SignalId(sequence),
            envelope?.Name ?? outcome!.Name,
            envelope?.IdempotencyKey ?? outcome!.IdempotencyKey,
            outcome?.Accepted,
            outcome?.Rejection is { } rejection ? new HistoryRejection(rejection.Code, rejection.Reason) : null,
            hasOutcome ? applied.Events : null,
            outcome?.Version,
            envelope?.AcceptedAt,
            outcome?.At,
            TraceId(envelope?.TraceParent));
    }

    /// <summary>The trace id of a W3C <c>traceparent</c> (<c>00-{trace id}-{span id}-{flags}</c>).</summary>
    public static string? TraceId(string? traceParent)
    {
        var parts = traceParent?.Split('-');
        return parts is { Length: 4 } && parts[1].Length == 32 ? parts[1] : null;
    }

    private sealed class Known
    {
        public Dictionary<long, SignalEnvelope> Envelopes { get; } = [];

        public Dictionary<long, (SignalOutcome? Outcome, JsonElement? Events)> Outcomes { get; } = [];
    }
}
