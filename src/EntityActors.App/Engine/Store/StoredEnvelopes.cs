using System.Text.Json;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Store;

/// <summary>Reads an entity's stored envelopes back: for an activation loading the entity, or a lane that did not get them from the writer.</summary>
public sealed class StoredEnvelopes(StoreReads reads)
{
    /// <summary>
    /// The envelopes stored from <paramref name="from"/> to <paramref name="to"/>, in order; missing ones (expired) are
    /// left out, and one the store fails to read fails the call rather than pass for missing.
    /// </summary>
    public async Task<IReadOnlyList<SignalEnvelope>> ReadAsync(EntityAddress address, long from, long to, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        for (var sequence = from; sequence <= to; sequence++)
        {
            keys.Add(address.EnvelopeKey(sequence));
        }

        var stored = await reads.ReadPresentAsync(keys, cancellationToken);
        return stored.Values
            .Select(value => JsonSerializer.Deserialize<SignalEnvelope>(value, EntityJson.Options)!)
            .OrderBy(envelope => envelope.Sequence)
            .ToList();
    }
}
