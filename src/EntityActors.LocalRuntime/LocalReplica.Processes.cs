using System.Net;
using System.Text.Json.Nodes;

namespace EntityActors.LocalRuntime;

/// <summary>How a replica starts its two processes and tells that its sidecar is connected.</summary>
public sealed partial class LocalReplica
{
    private const string PlacementConnected = "placement: connected";

    private ManagedProcess StartApp()
    {
        var environment = new Dictionary<string, string?>(ApiTokenEnvironment())
        {
            ["DAPR_HTTP_PORT"] = Readiness.Port(ports.DaprHttp),
            ["DAPR_GRPC_PORT"] = Readiness.Port(ports.DaprGrpc),
            ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{Readiness.Port(ports.DaprHttp)}",
            ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{Readiness.Port(ports.DaprGrpc)}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // Where the other replicas hand this one the signals of entities whose writer is active here.
            ["EntityActors__PeerRouting__DirectAddress"] = $"http://127.0.0.1:{Readiness.Port(ports.App)}/",
            // The embedded read model sits beside the sidecar's SQLite files (unless the app is pointed elsewhere).
            ["EntityActors__ReadModel__SqlitePath"] = Path.Combine(context.Layout.DataDirectory, $"readmodel{Suffix}.db"),
        };
        if (context.ReplicaCount > 1)
        {
            // Loopback addresses every local client can reach: answers name the writer's replica (Entity-Writer).
            environment["EntityActors__PeerRouting__AdvertiseToClients"] = "true";
        }

        // An entity store on a SQLite file (components/local): the app writes that file itself, in the sidecar's table.
        var entityStore = Options.AppEnvironment.TryGetValue("EntityActors__Dapr__EntityStore", out var named) ? named : EntityStoreFile.DefaultComponent;
        environment["EntityActors__EntityStore__AppId"] = Options.AppId;
        if (EntityStoreFile.Find(context.Layout.ResourcesPath, entityStore, context.Layout.DataDirectory) is { } entityStoreFile)
        {
            environment["EntityActors__EntityStore__SqlitePath"] = entityStoreFile;
        }
        else if (EntityStoreFile.FindPostgresTable(context.Layout.ResourcesPath, entityStore) is { } table)
        {
            // A PostgreSQL entity store: the app writes the component's table itself, on the server the sidecar uses.
            foreach (var (name, value) in context.AppEnvironment)
            {
                environment[name] = value;
            }

            environment["EntityActors__EntityStore__PostgresTable"] = table;
        }

        foreach (var (name, value) in Options.AppEnvironment.Concat(appEnvironmentOverrides))
        {
            environment[name] = value;
        }

        // The app's folder as working directory: ASP.NET Core reads appsettings*.json from its content root.
        var appAssembly = appAssemblyOverride ?? context.Layout.AppAssembly
            ?? throw new InvalidOperationException("This environment runs no app (LocalDaprEnvironmentOptions.RunApp is false).");
        return ProcessLauncher.Start($"app{Suffix}", context.Layout.DotnetHost, Path.GetDirectoryName(appAssembly)!, environment,
        [
            appAssembly,
            "--urls", $"http://127.0.0.1:{Readiness.Port(ports.App)}",
        ],
        Options.Log);
    }

    private ManagedProcess StartDaprd()
    {
        var environment = new Dictionary<string, string?>(ApiTokenEnvironment())
        {
            // The address daprd registers with placement for its actors; loopback keeps it off other interfaces.
            ["DAPR_HOST_IP"] = "127.0.0.1",
        };
        foreach (var (name, value) in context.DaprdEnvironment)
        {
            environment[name] = value;
        }

        List<string> arguments =
        [
            "--app-id", Options.AppId,
            .. Options.RunApp
                ? (string[])["--app-port", Readiness.Port(ports.App), "--app-protocol", "http", "--app-channel-address", "127.0.0.1"]
                : [],
            .. Options.RunApp && Options.AppHealthChecks
                ?
                [
                    // A crashed app behind a live sidecar otherwise keeps its actors (its entities answer 503) until it is back.
                    "--enable-app-health-check",
                    "--app-health-check-path", "/healthz",
                    "--app-health-probe-interval", "1",
                    // Below the interval, yet long enough that a live app starved of CPU for a moment is not taken for dead.
                    "--app-health-probe-timeout", "900",
                    "--app-health-threshold", "2",
                    // On SIGTERM the sidecar keeps serving until the draining app reports unhealthy (deploy/ does the same).
                    "--dapr-block-shutdown-duration", "10s",
                ]
                : (string[])[],
            "--dapr-http-port", Readiness.Port(ports.DaprHttp),
            "--dapr-grpc-port", Readiness.Port(ports.DaprGrpc),
            "--dapr-internal-grpc-port", Readiness.Port(ports.DaprInternalGrpc),
            "--dapr-listen-addresses", "127.0.0.1",
            "--metrics-port", Readiness.Port(ports.DaprMetrics),
            "--metrics-listen-address", "127.0.0.1",
            "--placement-host-address", context.ControlPlane.PlacementAddress,
            "--scheduler-host-address", context.ControlPlane.SchedulerAddress,
            "--resources-path", context.Layout.ResourcesPath,
            "--log-level", Options.DaprdLogLevel,
            .. Options.DaprdArguments,
        ];

        // Working directory = data folder, so the relative SQLite path in components/local lands there.
        return ProcessLauncher.Start($"daprd{Suffix}", context.Layout.Binaries.Daprd, context.Layout.DataDirectory, environment, arguments, Options.Log);
    }

    private Dictionary<string, string?> ApiTokenEnvironment()
    {
        var environment = new Dictionary<string, string?>();
        if (Options.DaprApiToken is { } daprToken)
        {
            environment["DAPR_API_TOKEN"] = daprToken;
        }

        if (Options.AppApiToken is { } appToken)
        {
            environment["APP_API_TOKEN"] = appToken;
        }

        return environment;
    }

    private async Task WaitForSidecarAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ManagedProcess> mustRun = Options.RunApp
            ? [Current(daprd), .. context.ControlPlane.Required, Current(app)]
            : [Current(daprd), .. context.ControlPlane.Required];
        await context.Readiness.WaitUntilAsync(
            $"daprd{Suffix} GET /v1.0/healthz on port {Readiness.Port(DaprHttpPort)} to answer 204",
            mustRun,
            async token => (await context.Readiness.GetStatusAsync(new Uri(DaprHttpAddress, "v1.0/healthz"), token)) == HttpStatusCode.NoContent,
            cancellationToken);
        await context.Readiness.WaitUntilAsync(
            $"daprd{Suffix} GET /v1.0/metadata to show actorRuntime.placement \"{PlacementConnected}\" and a connected scheduler",
            mustRun,
            SidecarConnectedAsync,
            cancellationToken);
    }

    private async Task<bool> SidecarConnectedAsync(CancellationToken cancellationToken)
    {
        using var response = await context.Readiness.Probe.GetAsync(new Uri(DaprHttpAddress, "v1.0/metadata"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var metadata = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var placementStatus = metadata?["actorRuntime"]?["placement"]?.GetValue<string>();

        // Workflow timers and reminders live in the scheduler: a sidecar without it is not ready for workflows.
        var schedulers = metadata?["scheduler"]?["connected_addresses"] as JsonArray;
        return placementStatus == PlacementConnected && schedulers is { Count: > 0 };
    }
}
