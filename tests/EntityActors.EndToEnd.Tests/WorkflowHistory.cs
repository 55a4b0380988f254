using Dapr.Workflow;
using Dapr.Workflow.Client;
using EntityActors.LocalRuntime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EntityActors.EndToEnd.Tests;

/// <summary>A workflow's history as the sidecar stores it (the current generation), read with the SDK's own client.</summary>
public static class WorkflowHistory
{
    /// <summary>The events of each turn of the instance's current generation, oldest first.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<WorkflowHistoryEvent>>> TurnsAsync(LocalDaprEnvironment environment, string instanceId)
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
        var history = await provider.GetRequiredService<DaprWorkflowClient>().GetInstanceHistoryAsync(instanceId);

        var turns = new List<IReadOnlyList<WorkflowHistoryEvent>>();
        List<WorkflowHistoryEvent>? turn = null;
        foreach (var historyEvent in history)
        {
            if (historyEvent.EventType == WorkflowHistoryEventType.OrchestratorStarted || turn is null)
            {
                turn = [];
                turns.Add(turn);
            }

            turn.Add(historyEvent);
        }

        return turns;
    }
}
