using EntityActors.App.Engine.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EntityActors.App.Telemetry;

/// <summary>Registration of traces, metrics and logs (OpenTelemetry), driven by <see cref="TelemetryOptions"/>.</summary>
public static class TelemetryHosting
{
    /// <summary>The workflow SDK's own spans: one per activity run, in the trace that created the workflow.</summary>
    public const string DaprWorkflowSourceName = "Dapr.Workflow";

    /// <summary>
    /// Grpc.Net.Client's own activity source (one span per call, named by the gRPC method), which the Dapr SDKs'
    /// gRPC calls (state, pub/sub, workflow client and worker) go through; without it their HTTP/2 spans would point
    /// at parents never exported. The beta instrumentation package adds nothing needed here.
    /// </summary>
    public const string GrpcClientSourceName = "Grpc.Net.Client";

    /// <summary>
    /// The runtime's own meter: GC collections and pauses, thread-pool threads and queue length, JIT time, lock
    /// contention, exceptions. What tells a pod that is still compiling, or whose pool is starved, from a slow store.
    /// </summary>
    public const string RuntimeMeterName = "System.Runtime";

    private static readonly string[] UntracedPaths = ["/healthz", "/readyz"];

    /// <summary>
    /// Traces (ASP.NET Core, HttpClient, which also carries the Dapr SDKs' gRPC calls, and the app's own
    /// <see cref="EntityTelemetry.SourceName"/> spans), metrics (the <see cref="SignalMetrics.MeterName"/> meter plus
    /// ASP.NET Core's, HttpClient's and the runtime's) and logs with their scopes, exported over OTLP when
    /// <see cref="TelemetryOptions.OtlpEndpoint"/> is set and spans to a file when
    /// <see cref="TelemetryOptions.FileExporterPath"/> is set; the metrics are also served for Prometheus at
    /// <see cref="TelemetryOptions.PrometheusScrapePath"/>. With none of these, nothing is registered.
    /// </summary>
    public static IHostApplicationBuilder AddEntityTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(options.ServiceName));
        if (options.ExportsTraces)
        {
            AddTracesAndLogs(telemetry, options);
        }

        if (options.ExportsOtlp || options.ServesPrometheus)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(SignalMetrics.MeterName, RuntimeMeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (options.ServesPrometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }

        if (options.ExportsOtlp)
        {
            telemetry.UseOtlpExporter(ParseProtocol(options.OtlpProtocol), new Uri(options.OtlpEndpoint!));
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint (<see cref="TelemetryOptions.PrometheusScrapePath"/>) when it is on.</summary>
    public static WebApplication MapEntityTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.ServesPrometheus)
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusScrapePath!).ExcludeFromDescription();
        }

        return app;
    }

    private static void AddTracesAndLogs(IOpenTelemetryBuilder telemetry, TelemetryOptions options)
    {
        var untraced = UntracedPaths.Append(options.PrometheusScrapePath ?? string.Empty).ToArray();
        telemetry
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(EntityTelemetry.SourceName, DaprWorkflowSourceName, GrpcClientSourceName)
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                        // Probes and scrapers poll these every few seconds; their spans (and their calls to the sidecar) are noise.
                        aspNetCore.Filter = http => !untraced.Contains(http.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(options.FileExporterPath))
                {
                    // Written as each span ends, so a test reading the file need not wait for a batch.
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new JsonLinesSpanExporter(options.FileExporterPath)));
                }
            })
            .WithLogging(
                logs =>
                {
                    if (!string.IsNullOrWhiteSpace(options.FileLogExporterPath))
                    {
                        logs.AddProcessor(new SimpleLogRecordExportProcessor(new JsonLinesLogExporter(options.FileLogExporterPath)));
                    }
                },
                logging =>
                {
                    // Scopes carry the entity and signal ids (EntityLogScope) onto every record.
                    logging.IncludeScopes = true;
                    logging.IncludeFormattedMessage = true;
                });
    }

    private static OtlpExportProtocol ParseProtocol(string protocol) =>
        protocol.Trim().ToLowerInvariant() switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException(
                $"{TelemetryOptions.Section}:OtlpProtocol is '{protocol}'; use 'grpc' or 'http/protobuf'."),
        };
}
