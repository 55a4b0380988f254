using EntityActors.App.Cluster;
using System.Net.Mime;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";
    private const string LiveTag = "live";

    public static IHostApplicationBuilder AddEntityHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<SidecarClient>(SidecarClient.HttpClientName, (services, http) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            http.BaseAddress = SidecarClient.ResolveEndpoint(configuration);
            http.Timeout = TimeSpan.FromSeconds(3);
            if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
            {
                http.DefaultRequestHeaders.Add("dapr-api-token", token);
            }
        });
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new WorkflowWorkerWatchdog(
            services.GetRequiredService<SidecarClient>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<HealthOptions>>(),
            WorkflowWorkerWatchdog.RestartHostedWorker(services),
            services.GetRequiredService<ILogger<WorkflowWorkerWatchdog>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<WorkflowWorkerWatchdog>());
        builder.Services.AddHealthChecks()
            .AddCheck<DrainingHealthCheck>("draining", tags: [LiveTag, ReadyTag])
            .Add(new HealthCheckRegistration(
                "workflow-worker", services => services.GetRequiredService<WorkflowWorkerWatchdog>(), failureStatus: null, tags: [LiveTag]))
            .AddCheck<SidecarHealthCheck>("sidecar", tags: [ReadyTag])
            .AddCheck<WorkflowRuntimeHealthCheck>("workflow-runtime", tags: [ReadyTag])
            .AddCheck<StateStoreHealthCheck>("state-store", tags: [ReadyTag])
            .AddCheck<ClusterAgreementHealthCheck>(ClusterHosting.HealthCheckName, tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c>: the process is alive, not stopping, and its workflow worker has not been missing from the sidecar
    /// beyond a grace (no other dependency checked; the sidecar's app health check reads it, so a stopping replica hands
    /// its actors over). <c>/readyz</c>: it can serve signals.
    /// </summary>
    public static WebApplication MapEntityHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag), ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = MediaTypeNames.Application.Json;
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        });
    }
}
