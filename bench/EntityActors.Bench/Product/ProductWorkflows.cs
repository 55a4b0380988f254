using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapr.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EntityActors.Bench.Product;

/// <summary>
/// The product's entity workflows as its sidecar holds them, read with the SDK's client (no worker: this process never
/// takes the app's work items). An entity's workflow publishes its view as custom status; its <c>sequence</c> says how
/// far the relay's deferred raises got. Every read costs the product's sidecar CPU, inside the measured window.
/// </summary>
public sealed class ProductWorkflows : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly DaprWorkflowClient client;
    private readonly TimeSpan pollInterval;

    /// <param name="grpcAddress">A product daprd's gRPC endpoint (with several replicas, any one: the sidecars forward).</param>
    /// <param name="httpAddress">The same daprd's HTTP endpoint, which the SDK's configuration also wants.</param>
    /// <param name="pollInterval">The pause between two reads of the entities not yet caught up.</param>
    public ProductWorkflows(Uri grpcAddress, Uri httpAddress, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(grpcAddress);
        ArgumentNullException.ThrowIfNull(httpAddress);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = grpcAddress.ToString().TrimEnd('/'),
            ["DAPR_HTTP_ENDPOINT"] = httpAddress.ToString().TrimEnd('/'),
        }).Build());
        services.AddLogging();
        services.AddDaprWorkflow(_ => { });
        provider = services.BuildServiceProvider();
        client = provider.GetRequiredService<DaprWorkflowClient>();
        this.pollInterval = pollInterval;
    }

    /// <summary>The workflow instance of an entity, as the product names it (<c>{kind}-{id}</c>).</summary>
    public static string InstanceId(string kind, string id) => $"{kind}-{id}";

    /// <summary>The sequence the entity's workflow last published; null while it has no instance or no status yet.</summary>
    public async Task<long?> ReadSequenceAsync(string instanceId, CancellationToken cancellationToken) =>
        await client.ReadStateAsync(instanceId, cancellationToken) is { Exists: true } state
        && state.ReadCustomStatusAs<JsonElement?>() is { ValueKind: JsonValueKind.Object } view
        && view.TryGetProperty("sequence", out var sequence)
            ? sequence.GetInt64()
            : null;

    /// <summary>
    /// Returns once every entity's workflow shows <paramref name="sequence"/> or later. Reads the entities in turn and,
    /// at the first one still behind, pauses a poll interval before going on from it: a caught-up workflow stays caught
    /// up, and while one is behind the round is not over anyway, so a round costs about one read per entity plus one
    /// per poll, not one per entity per poll.
    /// </summary>
    /// <exception cref="TimeoutException">Not every workflow caught up within <paramref name="timeout"/>; says which and how far.</exception>
    public async Task WaitUntilCaughtUpAsync(string kind, IReadOnlyList<string> ids, long sequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var started = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < ids.Count)
        {
            var instanceId = InstanceId(kind, ids[next]);
            var seen = await ReadSequenceAsync(instanceId, cancellationToken);
            if (seen >= sequence)
            {
                next++;
                continue;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(
                    $"{ids.Count - next} of {ids.Count} product workflows ({kind}) did not catch up to sequence {sequence} within {timeout.TotalSeconds:0} s " +
                    $"after their signals were applied; {instanceId} shows {seen?.ToString(CultureInfo.InvariantCulture) ?? "no instance or no status"}. " +
                    "The relay raises decided signals to each entity's workflow after EntityActors:Relay:RaiseLinger; the product's CPU window stays open until they arrive.");
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await provider.DisposeAsync();
}
