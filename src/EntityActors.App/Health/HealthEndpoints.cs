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
    private const string FrameworkHealthLogCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

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
        builder.Services.AddSingleton<HealthChangeLogger>();
        builder.Services.AddHealthChecks()
            .AddBounded("draining", ActivatorUtilities.GetServiceOrCreateInstance<DrainingHealthCheck>, LiveTag, ReadyTag)
            .AddBounded("workflow-worker", services => services.GetRequiredService<WorkflowWorkerWatchdog>(), LiveTag)
            .AddBounded("sidecar", ActivatorUtilities.GetServiceOrCreateInstance<SidecarHealthCheck>, ReadyTag)
            .AddBounded("workflow-runtime", ActivatorUtilities.GetServiceOrCreateInstance<WorkflowRuntimeHealthCheck>, ReadyTag)
            .AddBounded("state-store", ActivatorUtilities.GetServiceOrCreateInstance<StateStoreHealthCheck>, ReadyTag)
            .AddBounded(ClusterHosting.HealthCheckName, ActivatorUtilities.GetServiceOrCreateInstance<ClusterAgreementHealthCheck>, ReadyTag);

        // The framework logs every failing check at Error on every probe (daprd probes each second); HealthChangeLogger
        // logs the changes instead.
        builder.Logging.AddFilter(FrameworkHealthLogCategory, LogLevel.None);
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c>: the process is alive, not stopping, and its workflow worker has not been missing from the sidecar
    /// beyond a grace (no other dependency checked; the sidecar's app health check reads it, so a stopping replica hands
    /// its actors over). <c>/readyz</c>: it can serve signals. Each check is bounded by <see cref="HealthOptions.CheckTimeout"/>;
    /// what either answers is logged when it changes (<see cref="HealthChangeLogger"/>).
    /// </summary>
    public static WebApplication MapEntityHealthChecks(this WebApplication app)
    {
        var changes = app.Services.GetRequiredService<HealthChangeLogger>();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag), ResponseWriter = Writer("Liveness") });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = Writer("Readiness") });
        return app;

        Func<HttpContext, HealthReport, Task> Writer(string endpoint) => (context, report) =>
        {
            changes.Observe(endpoint, report);
            return WriteAsync(context, report);
        };
    }

    /// <summary>Registers a check that counts as failed once it takes longer than <see cref="HealthOptions.CheckTimeout"/>.</summary>
    private static IHealthChecksBuilder AddBounded(this IHealthChecksBuilder checks, string name, Func<IServiceProvider, IHealthCheck> create, params string[] tags) =>
        checks.Add(new HealthCheckRegistration(
            name,
            services => new BoundedHealthCheck(
                create(services), services.GetRequiredService<IOptions<HealthOptions>>().Value.CheckTimeout, services.GetRequiredService<TimeProvider>()),
            failureStatus: null,
            tags));

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
