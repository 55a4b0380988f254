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

    public static WebApplication UseShutdownDrain(this WebApplication app)
    {
        app.Use(ClosingConnectionsWhileDraining(app.Services.GetRequiredService<ShutdownDrain>()));
        return app;
    }

    /// <summary>While draining, every response closes its connection, so no client reuses one the replica is about to drop.</summary>
    public static Func<RequestDelegate, RequestDelegate> ClosingConnectionsWhileDraining(ShutdownDrain drain) =>
        next => context =>
        {
            if (drain.IsDraining)
            {
                context.Response.Headers.Connection = "close";
            }

            return next(context);
        };
}
