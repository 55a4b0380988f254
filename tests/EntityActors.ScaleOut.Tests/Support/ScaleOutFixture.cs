using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EntityActors.LocalRuntime;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>
/// Three replicas (app + daprd each) sharing one placement, one scheduler and the store's servers, all real processes
/// on free loopback ports, with daprd's app health checks on as <c>deploy/</c> has them. One per store, shared by the
/// tests of its collection; each test leaves every process running.
/// </summary>
public abstract class ScaleOutFixture : IAsyncLifetime
{
    public const int ReplicaCount = 3;

    /// <summary>How long an open cart may stay idle before it expires.</summary>
    public static readonly TimeSpan CartExpiry = TimeSpan.FromSeconds(20);

    /// <summary>Due time and period of the actors' redelivery reminder here.</summary>
    public static readonly TimeSpan RedeliveryInterval = TimeSpan.FromSeconds(2);

    private readonly ProcessLog log = new();
    private LocalTopology? topology;

    protected abstract LocalStore Store { get; }

    public LocalTopology Topology => topology ?? throw new InvalidOperationException("The topology did not start.");

    public IReadOnlyList<LocalReplica> Replicas => Topology.Replicas;

    public IReadOnlyList<string> LogLines => log.Snapshot();

    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public virtual async Task InitializeAsync()
    {
        // Never skipped: without the runtime or the store's server these tests fail with the reason, in CI as anywhere.
        var binaries = await DaprBinaries.ResolveAsync();
        topology = await StartTopologyAsync(binaries.Directory, log.Add);
        log.Add($"[fixture] {ReplicaCount} replicas on {Store} ready in {topology.StartupDuration.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync()
    {
        if (topology is not null)
        {
            await topology.DisposeAsync();
        }
    }

    public void DumpLogs(ITestOutputHelper output) => log.DumpTo(output);

    public void Log(string line) => log.Add("[test] " + line);

    /// <summary>Restarts whatever a failed test left stopped, so the next test finds three live replicas.</summary>
    public async Task EnsureAllRunningAsync()
    {
        if (Topology.ControlPlane.PlacementProcessId is null)
        {
            await Topology.ControlPlane.RestartPlacementAsync();
        }

        if (Topology.ControlPlane.SchedulerProcessId is null)
        {
            await Topology.ControlPlane.RestartSchedulerAsync();
        }

        if (Topology.Stores.Postgres is { ProcessId: null } postgres)
        {
            await postgres.RestartAsync();
        }

        if (Topology.Stores.Redis is { ProcessId: null } redis)
        {
            await redis.RestartAsync();
        }

        foreach (var replica in Replicas.Where(replica => replica.AppProcessId is null || replica.SidecarProcessId is null))
        {
            await replica.StartAsync();
        }
    }

    /// <summary>Active actors of <paramref name="actorType"/> in each replica's sidecar (0 for a replica that does not answer).</summary>
    public async Task<int[]> ActiveActorsAsync(string actorType)
    {
        var counts = new int[Replicas.Count];
        for (var i = 0; i < Replicas.Count; i++)
        {
            using var sidecar = Replicas[i].CreateDaprClient();
            var metadata = await sidecar.GetFromJsonAsync<JsonObject>("v1.0/metadata");
            counts[i] = metadata!["actorRuntime"]?["activeActors"]?.AsArray()
                .Where(actor => actor!["type"]!.GetValue<string>() == actorType)
                .Select(actor => actor!["count"]?.GetValue<int>() ?? 0)
                .Sum() ?? 0;
        }

        return counts;
    }

    private static string DaprLogLevel => Environment.GetEnvironmentVariable("SCALEOUT_DAPR_LOG_LEVEL") is { Length: > 0 } level ? level : "warn";

    protected virtual LocalDaprEnvironmentOptions Options(string binaries, Action<string> sink) => new()
    {
        DaprBinDirectory = binaries,
        Store = Store,
        Replicas = ReplicaCount,
        AppHealthChecks = true,
        // SCALEOUT_DAPR_LOG_LEVEL=debug (with SCALEOUT_LOG) shows placement's dissemination and the sidecars' actor calls.
        DaprdLogLevel = DaprLogLevel,
        ControlPlaneLogLevel = DaprLogLevel,
        Log = sink,
        // Three apps and sidecars starting at once on 2 cores; generous, as a busy machine may be.
        StartupTimeout = TimeSpan.FromMinutes(4),
        ProbeTimeout = TimeSpan.FromSeconds(5),
        AppEnvironment =
        {
            ["EntityActors__Workflow__ContinueAsNewAfterSignals"] = "50",
            ["EntityActors__Carts__ExpireAfter"] = CartExpiry.ToString("c", CultureInfo.InvariantCulture),
            ["EntityActors__Checkout__ApprovalThreshold"] = "100000",
            // Entities whose id starts with "stranded-" fail their first two raises: the lane gives up after two
            // attempts, and only the redelivery reminder (the scheduler's) delivers their signal.
            ["EntityActors__FaultInjection__RaiseFailures__stranded-"] = "2",
            ["EntityActors__Relay__MaxAttempts"] = "2",
            ["EntityActors__Intake__RedeliveryInterval"] = RedeliveryInterval.ToString("c", CultureInfo.InvariantCulture),
        },
    };

    private async Task<LocalTopology> StartTopologyAsync(string binaries, Action<string> sink)
    {
        var starting = new LocalTopology(Options(binaries, sink));
        try
        {
            await starting.StartAsync();
            return starting;
        }
        catch
        {
            await starting.DisposeAsync();
            throw;
        }
    }
}
