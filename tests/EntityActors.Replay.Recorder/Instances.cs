using System.Diagnostics;
using System.Text.Json.Nodes;
using Dapr.DurableTask.Protobuf;
using Dapr.Workflow;
using EntityActors.LocalRuntime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EntityActors.Replay.Recorder;

/// <summary>Workflow instances in the sidecar: their status (with the SDK's client) and their histories.</summary>
public sealed class Instances : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The app's default name for the state store its writers keep envelopes in.</summary>
    private const string EntityStore = "entitystore";
    private readonly ServiceProvider provider;
    private readonly DaprWorkflowClient client;
    private readonly HistoryReader histories;
    private readonly HttpClient sidecar;

    public Instances(LocalDaprEnvironment environment)
    {
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
        histories = new HistoryReader(environment.DaprGrpcAddress);
        sidecar = new HttpClient { BaseAddress = environment.DaprHttpAddress };
    }

    public Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId) => histories.ReadAsync(instanceId);

    /// <summary>
    /// The envelope an entity's writer stored for <paramref name="sequence"/> (the record its relay raised to the
    /// workflow), read through the sidecar's state API from the app's entity store.
    /// </summary>
    public async Task<JsonNode> StoredEnvelopeAsync(string instanceId, long sequence)
    {
        var text = await sidecar.GetStringAsync($"v1.0/state/{EntityStore}/{Uri.EscapeDataString($"{instanceId}:signal:{sequence}")}");
        var stored = JsonNode.Parse(text) ?? throw new InvalidOperationException($"{instanceId}: no envelope stored for {sequence}.");
        return stored is JsonValue value && value.TryGetValue<string>(out var json) ? JsonNode.Parse(json)! : stored;
    }

    /// <summary>Waits until the instance's custom status satisfies <paramref name="reached"/>; returns that status.</summary>
    public async Task<JsonObject> WaitForStatusAsync(string instanceId, Func<JsonObject, bool> reached, TimeSpan? patience = null)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < (patience ?? Patience))
        {
            var state = await client.ReadStateAsync(instanceId);
            last = state?.ReadCustomStatusAs<JsonObject>();
            if (last is not null && reached(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{instanceId} did not get there in {patience ?? Patience}; last status: {last?.ToJsonString() ?? "none"}");
    }

    /// <summary>Waits until the workflow has completed, failed or been terminated.</summary>
    public async Task WaitForEndAsync(string instanceId)
    {
        var state = await client.WaitForWorkflowCompletionAsync(instanceId, getInputsAndOutputs: false, new CancellationTokenSource(Patience).Token);
        if (state.RuntimeStatus != WorkflowRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{instanceId} ended {state.RuntimeStatus}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        histories.Dispose();
        sidecar.Dispose();
        await provider.DisposeAsync();
    }
}
