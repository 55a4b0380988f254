using Microsoft.Extensions.Options;

namespace EntityActors.App.Hosting.Shutdown;

/// <summary>Registration of the replica's graceful stop: the drain, and the host's bound on the rest.</summary>
public static class ShutdownHosting
{
    public static IHostApplicationBuilder AddShutdownDrain(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainDelay + shutdown.Value.StopTimeout);
        return builder;
    }
}
