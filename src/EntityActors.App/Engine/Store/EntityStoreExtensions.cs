using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Store;

/// <summary>Typed reads and single writes over <see cref="IEntityStore"/>, in the one JSON shape (<see cref="EntityJson"/>).</summary>
public static class EntityStoreExtensions
{
    public static async Task<T?> GetAsync<T>(this IEntityStore store, string key, CancellationToken cancellationToken = default) =>
        (await store.GetAsync(key, cancellationToken)).Json is { } json ? JsonSerializer.Deserialize<T>(json, EntityJson.Options) : default;

    public static async Task<(T? Value, string? ETag)> GetWithETagAsync<T>(this IEntityStore store, string key, CancellationToken cancellationToken = default)
    {
        var (json, etag) = await store.GetAsync(key, cancellationToken);
        return (json is null ? default : JsonSerializer.Deserialize<T>(json, EntityJson.Options), string.IsNullOrEmpty(etag) ? null : etag);
    }

    public static Task SaveAsync<T>(this IEntityStore store, string key, T value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        store.ExecuteTransactionAsync([StateOperations.Upsert(key, value, timeToLive)], cancellationToken);

    public static Task DeleteAsync(this IEntityStore store, string key, CancellationToken cancellationToken = default) =>
        store.ExecuteTransactionAsync([new StateTransactionRequest(key, null, StateOperationType.Delete)], cancellationToken);
}
