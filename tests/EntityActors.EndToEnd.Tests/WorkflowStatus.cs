using System.Diagnostics;
using System.Text.Json.Nodes;
using Dapr.Workflow;
using EntityActors.LocalRuntime;
using EntityActors.Replay.Recorder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EntityActors.EndToEnd.Tests;

/// <summary>An entity workflow's custom status (its view of the entity) as the sidecar stores it, read with the SDK's own client.</summary>
public static class WorkflowStatus
{
    /// <summary>Polls until the workflow's status shows <paramref name="sequence"/> applied; fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonObject> WaitForSequenceAsync(LocalDaprEnvironment environment, string instanceId, long sequence, TimeSpan timeout)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DAPR_GRPC_ENDPOINT"] = environment.DaprGrpcAddress.ToString().TrimEnd('/'),
            ["DAPR_HTTP_ENDPOINT"] = environment.DaprHttpAddress.ToString().TrimEnd('/'),
        }).Build());
        services.AddLogging();
        services.AddDaprWorkflow(_ => { });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<DaprWorkflowClient>();
        var started = Stopwatch.StartNew();
        JsonObject? last = null;
        while (started.Elapsed < timeout)
        {
            var state = await client.ReadStateAsync(instanceId);
            last = state?.ReadCustomStatusAs<JsonObject>();
            if (last?["sequence"]?.GetValue<long>() >= sequence)
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Workflow {instanceId} did not reach sequence {sequence} within {timeout}; last status: {last?.ToJsonString() ?? "none"}");
    }
}
