using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Store;

/// <summary>Reads an entity's stored envelopes back: for an activation loading the entity, or a lane that did not get them from the writer.</summary>
public sealed class StoredEnvelopes(DaprClient dapr, IOptions<DaprComponentsOptions> components)
{
    /// <summary>The envelopes stored from <paramref name="from"/> to <paramref name="to"/>, in order; missing ones (expired) are left out.</summary>
    public async Task<IReadOnlyList<SignalEnvelope>> ReadAsync(EntityAddress address, long from, long to, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        for (var sequence = from; sequence <= to; sequence++)
        {
            keys.Add(address.EnvelopeKey(sequence));
        }

        var stored = await dapr.GetBulkStateAsync(components.Value.EntityStore, keys, parallelism: null, cancellationToken: cancellationToken);
        return stored
            .Where(item => !string.IsNullOrEmpty(item.Value))
            .Select(item => JsonSerializer.Deserialize<SignalEnvelope>(item.Value, EntityJson.Options)!)
            .OrderBy(envelope => envelope.Sequence)
            .ToList();
    }
}
