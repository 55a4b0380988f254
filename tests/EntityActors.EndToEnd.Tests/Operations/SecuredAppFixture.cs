using System.Net.Http.Headers;
using System.Text.Json;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// The app as a production overlay runs it, in the Production environment: both Dapr API tokens set (<c>DAPR_API_TOKEN</c>, <c>APP_API_TOKEN</c>,
/// each given to daprd and to the app), the product API behind an API key, and telemetry exported, here to files
/// (<c>EntityActors:Telemetry:FileExporterPath</c> for spans, <c>FileLogExporterPath</c> for logs) the tests read.
/// Secrets are fresh per run.
/// </summary>
public sealed class SecuredAppFixture : IAsyncLifetime
{
    /// <summary>The quiet spell after which a caught-up entity's actor removes its redelivery reminder itself.</summary>
    public static readonly TimeSpan RedeliveryRemovalWhenQuiet = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string telemetryDirectory = Directory.CreateTempSubdirectory("entityactors-telemetry-").FullName;
    private OperationsEnvironment? operations;

    public string DaprApiToken { get; } = "dapr-" + Guid.NewGuid().ToString("N");

    public string AppApiToken { get; } = "app-" + Guid.NewGuid().ToString("N");

    public string ApiKey { get; } = "key-" + Guid.NewGuid().ToString("N");

    public string SpansFile => Path.Combine(telemetryDirectory, "spans.jsonl");

    public string LogsFile => Path.Combine(telemetryDirectory, "logs.jsonl");

    public OperationsEnvironment Operations => operations ?? throw new InvalidOperationException("The environment did not start.");

    public EntityActors.LocalRuntime.LocalDaprEnvironment Environment => Operations.Environment;

    public async Task InitializeAsync()
    {
        operations = await OperationsEnvironment.StartAsync((binaries, log) => new()
        {
            DaprBinDirectory = binaries,
            Log = log,
            DaprApiToken = DaprApiToken,
            AppApiToken = AppApiToken,
            AppEnvironment =
            {
                // As deployed: no developer exception page, the answers a client gets in production.
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["EntityActors__Api__ApiKey"] = ApiKey,
                ["EntityActors__Telemetry__FileExporterPath"] = SpansFile,
                ["EntityActors__Telemetry__FileLogExporterPath"] = LogsFile,
                // The per-batch log lines (accepted, recorded) are Debug: the log test looks for them.
                ["Logging__LogLevel__EntityActors"] = "Debug",
                // 20 s as deployed; shorter here so a test sees it, still far below the reminder's own minute.
                ["EntityActors__Intake__RedeliveryRemovalWhenQuiet"] = RedeliveryRemovalWhenQuiet.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (operations is not null)
        {
            await operations.DisposeAsync();
        }

        try
        {
            Directory.Delete(telemetryDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>A client of the product API sending the API key.</summary>
    public HttpClient CreateApiClient()
    {
        var client = Environment.CreateAppClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>The spans exported so far.</summary>
    public IReadOnlyList<SpanLine> ReadSpans() => ReadLines<SpanLine>(SpansFile);

    /// <summary>The log records exported so far.</summary>
    public IReadOnlyList<LogLine> ReadLogs() => ReadLines<LogLine>(LogsFile);

    public void DumpLogs(ITestOutputHelper output) => Operations.DumpLogs(output);

    private static List<T> ReadLines<T>(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        // The app appends while we read: share the file, and skip a last line caught half-written.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var items = new List<T>();
        while (reader.ReadLine() is { } line)
        {
            try
            {
                items.Add(JsonSerializer.Deserialize<T>(line, Json)!);
            }
            catch (JsonException)
            {
            }
        }

        return items;
    }
}
