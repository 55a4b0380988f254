using Dapr.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EntityActors.Replay.Recorder;

/// <summary>
/// <c>audit --sidecar &lt;daprd gRPC address&gt; --patch &lt;name&gt; [--workflow &lt;name&gt;]</c>: prints the running
/// instances still on the patch's old branch (see <see cref="PatchAudit"/>); exits 1 while there are any, 0 when the
/// patch can be retired.
/// </summary>
public static class AuditCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        var sidecar = new Uri(options.GetValueOrDefault("--sidecar") ?? throw new ArgumentException("--sidecar <daprd gRPC address> is required."));
        var patch = options.GetValueOrDefault("--patch") ?? throw new ArgumentException("--patch <name> is required.");
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DAPR_GRPC_ENDPOINT"] = sidecar.ToString().TrimEnd('/') }).Build());
        services.AddLogging();
        services.AddDaprWorkflow(_ => { });
        await using var provider = services.BuildServiceProvider();
        using var histories = new HistoryReader(sidecar);

        var running = await PatchAudit.RunningAsync(provider.GetRequiredService<DaprWorkflowClient>(), histories);
        var old = PatchAudit.OnOldBranch(running, patch, options.GetValueOrDefault("--workflow"));
        Console.WriteLine($"{running.Count} running instances; {old.Count} never recorded '{patch}':");
        foreach (var instance in old)
        {
            Console.WriteLine($"  {instance.Workflow} {instance.InstanceId} (generation started {instance.GenerationStartedAt:O})");
        }

        return old.Count == 0 ? 0 : 1;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }
}
