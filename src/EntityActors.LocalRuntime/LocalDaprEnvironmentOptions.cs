using EntityActors.LocalRuntime.Supervision;

namespace EntityActors.LocalRuntime;

/// <summary>
/// How <see cref="LocalDaprEnvironment"/> runs placement, scheduler, the app and its sidecar. Every path left
/// <c>null</c> defaults to the checkout this code runs from; every port left 0 is picked free.
/// </summary>
public sealed class LocalDaprEnvironmentOptions
{
    /// <summary>The Dapr app id; the components in <c>components/local</c> are scoped to the default.</summary>
    public string AppId { get; init; } = "entityactors";

    /// <summary>
    /// Whether to start the app. When false only placement, scheduler and daprd run, and daprd has no app channel
    /// (no <c>--app-port</c>): for a workflow worker that runs elsewhere, e.g. in the calling process, connected to
    /// <see cref="LocalDaprEnvironment.DaprGrpcAddress"/>. The app's dll is then not needed.
    /// </summary>
    public bool RunApp { get; init; } = true;

    /// <summary>
    /// Folder of component files; <c>null</c> means the folder of <see cref="Store"/> under <c>&lt;repo&gt;/components</c>
    /// (<c>components/local</c> for the default SQLite).
    /// </summary>
    public string? ResourcesPath { get; init; }

    /// <summary>
    /// Which store to run on, and so which servers <see cref="LocalTopology"/> starts itself before the sidecars: none for
    /// SQLite, <c>redis-server</c> for Redis, PostgreSQL and Redis (pub/sub) for PostgreSQL.
    /// </summary>
    public LocalStore Store { get; init; } = LocalStore.Sqlite;

    /// <summary>
    /// How many app + daprd pairs (replicas, as pods would be) share placement, the scheduler and the store. More than
    /// one is refused on components each process keeps to itself (SQLite, in-memory).
    /// </summary>
    public int Replicas { get; init; } = 1;

    /// <summary>
    /// Turns on daprd's app health checks (<c>/healthz</c> every second, unhealthy after two failures), as
    /// <c>deploy/</c> does: a sidecar whose app crashed then gives up its actors to the other replicas at once. Its
    /// shutdown on SIGTERM then waits (up to 10 s) until the draining app reports unhealthy, as deploy/ has it too.
    /// </summary>
    public bool AppHealthChecks { get; init; }

    /// <summary>
    /// The app's dll; <c>null</c> means <c>&lt;repo&gt;/src/EntityActors.App/bin/&lt;Configuration&gt;/&lt;tfm&gt;/EntityActors.App.dll</c>
    /// for the configuration this assembly was built with, else whichever configuration's build exists.
    /// </summary>
    public string? AppAssemblyPath { get; init; }

    /// <summary>Folder holding daprd, placement and scheduler; <c>null</c> resolves it with <see cref="DaprBinaries.ResolveAsync"/>.</summary>
    public string? DaprBinDirectory { get; init; }

    /// <summary>The <c>dotnet</c> host that runs the app; <c>null</c> uses the one running this process if any, else <c>dotnet</c> from PATH.</summary>
    public string? DotnetHostPath { get; init; }

    /// <summary>The app's HTTP port; 0 picks a free one.</summary>
    public int AppPort { get; init; }

    /// <summary>The sidecar's HTTP API port; 0 picks a free one.</summary>
    public int DaprHttpPort { get; init; }

    /// <summary>The sidecar's gRPC API port (the workflow worker's connection); 0 picks a free one.</summary>
    public int DaprGrpcPort { get; init; }

    /// <summary>
    /// Working directory of daprd, so the relative SQLite file of <c>components/local/statestore.yaml</c>
    /// (<c>entityactors-state.db</c>) lands here, beside placement's raft log and the scheduler's etcd data.
    /// <c>null</c> creates a temporary folder, deleted on stop unless <see cref="KeepDataDirectory"/> is set;
    /// a folder given here is never deleted.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Keep the temporary data folder after stopping (to inspect the SQLite file).</summary>
    public bool KeepDataDirectory { get; init; }

    /// <summary>Variables added to the app's environment; they override the ones this class sets.</summary>
    public IDictionary<string, string> AppEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Arguments appended to daprd's command line, e.g. <c>--config</c>.</summary>
    public IList<string> DaprdArguments { get; init; } = [];

    /// <summary>daprd's <c>--log-level</c>.</summary>
    public string DaprdLogLevel { get; init; } = "warn";

    /// <summary>placement's and scheduler's <c>--log-level</c>.</summary>
    public string ControlPlaneLogLevel { get; init; } = "warn";

    /// <summary>Receives every output line of every process, prefixed with its name (<c>[daprd] …</c>).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// When set, every process that exits on its own once the environment is ready (an app, a sidecar, placement, the
    /// scheduler, a store server) is started again on the same ports and data after a backoff, as a kubelet restarts a
    /// pod's containers, while the others keep running. That includes one killed on purpose (<see cref="LocalReplica.KillAppAsync"/>)
    /// or stopped alone (<see cref="LocalReplica.StopAsync"/>); only <see cref="LocalTopology.StopAsync"/> and
    /// <see cref="LocalTopology.RemoveReplicaAsync"/> end them for good. <c>null</c> (the default, for tests that kill and
    /// restart processes themselves): an exited process stays down.
    /// </summary>
    public ProcessRestartOptions? Restarts { get; init; }

    /// <summary>
    /// Receives what the environment does on its own, one sentence each (<c>app-3 exited with 137 after 40.2 s; starting
    /// it again in 1 s</c>): the run command prints them on its console. <c>null</c> sends them to <see cref="Log"/>.
    /// </summary>
    public Action<string>? Announce { get; init; }

    /// <summary>Bound on <see cref="LocalDaprEnvironment.StartAsync"/> and on each restart.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a process may take to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a restarted app may wait for its sidecar to count its workflow worker before the sidecar is restarted
    /// too (a daprd 1.18.1 fault after an app is killed mid-turn; see <c>LocalReplica.WaitForRestartedAppAsync</c>).
    /// </summary>
    public TimeSpan WorkflowWorkerTakeBack { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Pause between readiness probes.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Timeout of a single readiness probe request.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When set, passed as <c>APP_API_TOKEN</c> to daprd and the app: daprd then sends it to the app in the
    /// <c>dapr-api-token</c> header.
    /// </summary>
    public string? AppApiToken { get; init; }

    /// <summary>
    /// When set, passed as <c>DAPR_API_TOKEN</c> to daprd and the app: the sidecar then requires it on its API,
    /// and <see cref="LocalDaprEnvironment.CreateDaprClient"/> sends it.
    /// </summary>
    public string? DaprApiToken { get; init; }
}
