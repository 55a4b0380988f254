using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine;

/// <summary>Registration of the signal engine: intake, single writers' services, store, relay, queries, and their options.</summary>
public static class EngineRegistration
{
    public static IServiceCollection AddEntityEngine(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RelayOptions>().BindConfiguration(RelayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PeerRoutingOptions>().BindConfiguration(PeerRoutingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueryOptions>().BindConfiguration(QueryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EntityStoreOptions>().BindConfiguration(EntityStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FaultInjectionOptions>().BindConfiguration(FaultInjectionOptions.Section);
        services.AddOptions<EntityWorkflowOptions>().BindConfiguration(EntityWorkflowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WriterContinuityOptions>().BindConfiguration(WriterContinuityOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<EntityCatalog>();
        services.AddSingleton<SignalGateway>();
        services.AddSingleton<SignalSender>();
        services.AddSingleton<WriterHints>();
        services.AddSingleton<PeerWriters>();
        // Bounded below the gateway's writer call timeout: an unreachable peer falls back to the sidecar route in time.
        services.AddHttpClient(PeerWriters.ClientName, client => client.Timeout = TimeSpan.FromSeconds(2))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromMilliseconds(500), PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        services.AddSingleton<EntityActorServices>();
        services.AddSingleton<LocalEntityActors>();
        services.AddSingleton<WriterContinuity>();
        services.AddHostedService(provider => provider.GetRequiredService<WriterContinuity>());
        services.AddSingleton<SidecarEntityStore>();
        services.AddSingleton<SqliteEntityStore>();
        services.AddSingleton<PostgresEntityStore>();
        services.AddSingleton<IEntityStore>(provider => provider.GetRequiredService<IOptions<EntityStoreOptions>>().Value switch
        {
            { SqlitePath: { Length: > 0 } } => provider.GetRequiredService<SqliteEntityStore>(),
            { PostgresConnectionString: { Length: > 0 } } => provider.GetRequiredService<PostgresEntityStore>(),
            _ => provider.GetRequiredService<SidecarEntityStore>(),
        });
        services.AddSingleton<InsertIfAbsentProbe>();
        services.AddSingleton<StateGroupCommit>();
        services.AddSingleton<StoredEnvelopes>();
        services.AddSingleton<StoreReads>();
        services.AddSingleton<SignalRelay>();
        services.AddSingleton<BulkEventPublisher>();
        services.AddSingleton<DomainEventPublisher>();
        services.AddSingleton<WorkflowEpisodes>();
        services.AddSingleton<WorkflowEpisodeListener>();
        // The worker's gRPC client comes from the gRPC client factory: every client it makes gets the listener.
        services.ConfigureAll<GrpcClientFactoryOptions>(options => options.InterceptorRegistrations.Add(
            new InterceptorRegistration(InterceptorScope.Client, provider => provider.GetRequiredService<WorkflowEpisodeListener>())));
        services.AddSingleton<EntityReader>();
        services.AddSingleton<EntityChanges>();
        services.AddSingleton<SignalMetrics>();
        services.AddSingleton<FaultInjection>();
        return services;
    }
}
