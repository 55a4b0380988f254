namespace EntityActors.Deploy.Tests.Support;

/// <summary>
/// The facts every deployment file must agree on (the app's contract with Dapr and the cluster).
/// Tests compare the files with these values and with each other; no other place repeats them.
/// </summary>
internal static class DeploymentContract
{
    public const string AppId = "entityactors";
    public const string Namespace = "entityactors";
    public const string DeploymentName = "entityactors";
    public const string ContainerName = "entityactors";
    public const int ContainerPort = 8080;
    public const string ContainerPortName = "http";
    public const int ServicePort = 80;
    public const int LocalAppPort = 5080;
    public const int LocalDaprHttpPort = 3500;
    public const int LocalDaprGrpcPort = 50001;

    public const string StateStore = "statestore";
    public const string EntityStore = "entitystore";
    public const string PubSub = "pubsub";
    public const string ConfigurationName = "entityactors-config";
    public const string ResiliencyName = "entityactors-resiliency";
    public const string TokensSecret = "entityactors-tokens";

    /// <summary>The Secret holding production's PostgreSQL connection string (key <c>connectionString</c>).</summary>
    public const string PostgresSecret = "postgres-credentials";
    public const string RedisSecret = "redis-credentials";
    public const string OtlpEndpoint = "otel-collector.observability:4317";

    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>Entity kinds; each publishes its domain events to a topic named after it (plus an optional prefix).</summary>
    public static readonly IReadOnlyList<string> EntityKinds = ["carts", "accounts", "inventory-items"];

    public const string CheckoutsTopic = "checkouts";
    public const string SignalsTopic = "signals";

    /// <summary>Domain events out (one topic per entity kind, checkout milestones) and signals in.</summary>
    public static readonly IReadOnlySet<string> Topics =
        new SortedSet<string>(EntityKinds.Append(CheckoutsTopic).Append(SignalsTopic), StringComparer.Ordinal);

    /// <summary>Kustomize directories under <c>deploy/</c> that must each render to a complete deployment.</summary>
    public static readonly IReadOnlyList<string> Kustomizations = ["base", "overlays/local", "overlays/production"];

    public const string ProductionOverlay = "overlays/production";
    public const string LocalOverlay = "overlays/local";
}
