using System.Text.Json.Nodes;
using Dapr.Workflow;
using Dapr.Workflow.Client;
using EntityActors.LocalRuntime;
using EntityActors.Replay.Recorder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EntityActors.EndToEnd.Tests.Versioning;

/// <summary>Workflow instances as the sidecar stores them, read with the SDK's own client.</summary>
public sealed class Workflows : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly DaprWorkflowClient client;
    private readonly HistoryReader histories;

    public Workflows(LocalDaprEnvironment environment)
    {
        histories = new HistoryReader(environment.DaprGrpcAddress);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = environment.DaprGrpcAddress.ToString().TrimEnd('/'),
            ["DAPR_HTTP_ENDPOINT"] = environment.DaprHttpAddress.ToString().TrimEnd('/'),
        }).Build());
        services.AddLogging();
        services.AddDaprWorkflow(_ => { });
        provider = services.BuildServiceProvider();
        client = provider.GetRequiredService<DaprWorkflowClient>();
    }

    /// <summary>The instance's runtime status and custom status (an entity's view, a checkout's progress).</summary>
    public async Task<(WorkflowRuntimeStatus Status, JsonObject? CustomStatus)> ReadAsync(string instanceId)
    {
        var state = await client.ReadStateAsync(instanceId)
            ?? throw new InvalidOperationException($"No workflow instance '{instanceId}'.");
        return (state.RuntimeStatus, state.ReadCustomStatusAs<JsonObject>());
    }

    /// <summary>The generation an entity's workflow is in, from its view.</summary>
    public async Task<long> GenerationAsync(string instanceId) =>
        (await ReadAsync(instanceId)).CustomStatus?["generation"]?.GetValue<long>() ?? 0;

    /// <summary>The types of the events of the instance's current generation, oldest first.</summary>
    public async Task<IReadOnlyList<WorkflowHistoryEventType>> HistoryAsync(string instanceId) =>
        [.. (await client.GetInstanceHistoryAsync(instanceId)).Select(e => e.EventType)];

    /// <summary>The running instances that never recorded <paramref name="patch"/>: still on its old branch.</summary>
    public async Task<IReadOnlyList<string>> OnOldBranchAsync(string patch, string workflow) =>
        [.. PatchAudit.OnOldBranch(await PatchAudit.RunningAsync(client, histories), patch, workflow).Select(i => i.InstanceId)];

    public ValueTask DisposeAsync()
    {
        histories.Dispose();
        return provider.DisposeAsync();
    }
}
