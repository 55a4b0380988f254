using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Store;

/// <summary>The entity store through the sidecar's state API: the component named <see cref="DaprComponentsOptions.EntityStore"/>.</summary>
public sealed class SidecarEntityStore(DaprClient dapr, IOptions<DaprComponentsOptions> components) : IEntityStore
{
    private string Component => components.Value.EntityStore;

    public string Description => $"component {Component}";

    public Task ExecuteTransactionAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken = default) =>
        dapr.ExecuteStateTransactionAsync(Component, operations, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<BulkStateItem>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        await dapr.GetBulkStateAsync(Component, [.. keys], parallelism: null, cancellationToken: cancellationToken);

    public async Task<(string? Json, string? ETag)> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var (value, etag) = await dapr.GetStateAndETagAsync<JsonElement?>(Component, key, cancellationToken: cancellationToken);
        return value is { } json ? (json.GetRawText(), etag) : (null, null);
    }
}
