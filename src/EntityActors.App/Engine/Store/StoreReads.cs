namespace EntityActors.App.Engine.Store;

/// <summary>
/// Bulk reads of the entity store that tell a missing key from one the store failed to read. The sidecar answers a bulk
/// read item by item and the .NET client drops each item's error, so an item the store could not read (a server
/// restarting, a dropped connection) looks exactly like an absent key. Taken for absent, a stored envelope would be
/// skipped or its sequence given again, and a known idempotency key would let its signal be decided twice: every key
/// that comes back empty is read again on its own, which fails loudly on a store error.
/// </summary>
public sealed class StoreReads(IEntityStore store)
{
    /// <summary>The stored values of those of <paramref name="keys"/> that exist, as JSON text, by key.</summary>
    public Task<IReadOnlyDictionary<string, string>> ReadPresentAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        ReadPresentAsync(
            keys,
            async batch => (await store.GetBulkAsync(batch, cancellationToken))
                .Select(item => (item.Key, (string?)item.Value)).ToList(),
            async key => (await store.GetAsync(key, cancellationToken)).Json);

    /// <summary>The same with the two reads given: <paramref name="bulk"/> answers every key, empty where absent or unread.</summary>
    internal static async Task<IReadOnlyDictionary<string, string>> ReadPresentAsync(
        IReadOnlyList<string> keys,
        Func<IReadOnlyList<string>, Task<IReadOnlyList<(string Key, string? Value)>>> bulk,
        Func<string, Task<string?>> single)
    {
        var present = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return present;
        }

        foreach (var (key, value) in await bulk(keys))
        {
            if (!string.IsNullOrEmpty(value))
            {
                present[key] = value;
            }
        }

        var empty = keys.Where(key => !present.ContainsKey(key)).Distinct(StringComparer.Ordinal).ToList();
        var confirmed = await Task.WhenAll(empty.Select(async key => (Key: key, Value: await single(key))));
        foreach (var (key, value) in confirmed)
        {
            if (!string.IsNullOrEmpty(value))
            {
                present[key] = value;
            }
        }

        return present;
    }
}
