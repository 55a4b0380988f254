using System.Globalization;
using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Store;

/// <summary>The state writes the engine makes, in the one JSON shape (<see cref="EntityJson"/>).</summary>
public static class StateOperations
{
    private static readonly StateOptions InsertIfAbsentOptions = new() { Concurrency = ConcurrencyMode.FirstWrite };

    /// <summary>An upsert, or where <paramref name="insertIfAbsent"/> a first-write the store refuses when the key exists.</summary>
    public static StateTransactionRequest Upsert<T>(string key, T value, TimeSpan? timeToLive = null, bool insertIfAbsent = false) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, EntityJson.Options), StateOperationType.Upsert,
            metadata: timeToLive is { } ttl ? TimeToLive(ttl) : null,
            options: insertIfAbsent ? InsertIfAbsentOptions : null);

    /// <summary>An upsert that succeeds only while the stored ETag is still <paramref name="etag"/>.</summary>
    public static StateTransactionRequest UpsertIfUnchanged<T>(string key, T value, string etag) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, EntityJson.Options), StateOperationType.Upsert, etag: etag, options: InsertIfAbsentOptions);

    /// <summary>The time to live <paramref name="request"/> asks for, in whole seconds; null for none.</summary>
    public static long? TimeToLiveSeconds(StateTransactionRequest request) =>
        request.Metadata is { } metadata && metadata.TryGetValue(TimeToLiveKey, out var text)
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : null;

    // The metadata key of Dapr's state API for a record's time to live.
    private const string TimeToLiveKey = "ttlInSeconds";

    private static Dictionary<string, string> TimeToLive(TimeSpan ttl) =>
        new() { [TimeToLiveKey] = ((long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture) };
}
