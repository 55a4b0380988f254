using Dapr.Actors.Runtime;

namespace EntityActors.App.Cluster;

/// <summary>Registration of the start-up check that every replica runs on the same components.</summary>
public static class ClusterHosting
{
    public const string HealthCheckName = "cluster-agreement";

    public static IHostApplicationBuilder AddClusterAgreement(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<ActorRuntimeOptions>(options => options.Actors.RegisterActor<ReplicaProbeActor>());
        services.AddSingleton<ClusterAgreement>();
        services.AddSingleton<ReplicaFingerprints>();
        services.AddHostedService<ClusterAgreementCheck>();
        return builder;
    }

    /// <summary>Keeps the sidecar's calls away from this replica's entity actors until the check has passed.</summary>
    public static WebApplication UseClusterAgreement(this WebApplication app)
    {
        app.UseMiddleware<ActorCallbackGate>();
        return app;
    }
}
