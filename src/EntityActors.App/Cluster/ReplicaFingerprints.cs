using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Health;
using EntityActors.App.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Cluster;

/// <summary>This replica's fingerprint (read once from its sidecar) and the markers that tell one database from another.</summary>
public sealed class ReplicaFingerprints(SidecarClient sidecar, DaprClient dapr, IOptions<DaprComponentsOptions> names, IServer server)
{
    private const string MarkerPrefix = "entityactors:cluster-agreement:";

    // Markers outlive a crashed check by this much at most, where the store keeps time-to-live.
    private static readonly IReadOnlyDictionary<string, string> MarkerMetadata = new Dictionary<string, string> { ["ttlInSeconds"] = "600" };

    private Task<ReplicaFingerprint>? mine;

    /// <summary>The state stores the app uses, each once.</summary>
    public IReadOnlyList<string> Stores => new[] { names.Value.StateStore, names.Value.EntityStore }.Distinct(StringComparer.Ordinal).ToList();

    public static string NewMarkerKey() => MarkerPrefix + Guid.NewGuid().ToString("N");

    /// <summary>This replica's components as its sidecar lists them; read once, as they do not change while it runs.</summary>
    public Task<ReplicaFingerprint> MineAsync(CancellationToken cancellationToken)
    {
        // A read that failed (sidecar not up yet) is tried again by the next caller; two at once is harmless.
        var current = mine;
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            current = DescribeAsync(sidecar, names.Value, server);
            mine = current;
        }

        return current.WaitAsync(cancellationToken);
    }

    public async Task<AgreementAnswer> AnswerAsync(AgreementRequest request, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var store in Stores)
        {
            var value = await dapr.GetStateAsync<string?>(store, request.MarkerKey, cancellationToken: cancellationToken);
            seen[store] = string.Equals(value, request.MarkerValue, StringComparison.Ordinal);
        }

        return new AgreementAnswer { Host = await MineAsync(cancellationToken), MarkerSeen = seen };
    }

    public async Task WriteMarkerAsync(string key, string value, CancellationToken cancellationToken)
    {
        foreach (var store in Stores)
        {
            await dapr.SaveStateAsync(store, key, value, metadata: MarkerMetadata, cancellationToken: cancellationToken);
        }
    }

    public async Task DeleteMarkerAsync(string key, CancellationToken cancellationToken)
    {
        foreach (var store in Stores)
        {
            await dapr.DeleteStateAsync(store, key, cancellationToken: cancellationToken);
        }
    }

    private static async Task<ReplicaFingerprint> DescribeAsync(SidecarClient sidecar, DaprComponentsOptions names, IServer server)
    {
        var metadata = await sidecar.GetMetadataAsync(CancellationToken.None);
        var components = metadata.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
                .Select(component => new ComponentIdentity(Text(component, "name"), Text(component, "type"), Text(component, "version")))
                .OrderBy(component => component.Name, StringComparer.Ordinal)
                .ToList()
            : [];
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return new ReplicaFingerprint
        {
            Replica = $"{Environment.MachineName} pid {Environment.ProcessId}" + (addresses.Count > 0 ? $" at {string.Join(", ", addresses)}" : string.Empty),
            Components = components,
            StateStore = names.StateStore,
            EntityStore = names.EntityStore,
            PubSub = names.PubSub,
        };
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
