using System.Globalization;
using EntityActors.Bench.ScaleOut;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench;

/// <summary>Counts and durations of one bench run; <see cref="Parse"/> reads them from the command line.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Measures EntityActors beside a bare Dapr workflow (the baseline) and Restate virtual objects, in one run.

        Usage: dotnet run -c Release --project bench/EntityActors.Bench -- [options]
          --out <file>                 also write the figures as JSON
          --markdown <file>            also write the table as Markdown (for the README)
          --tiny                       every scenario with a handful of signals (a smoke run, well under a minute)
          --scenarios <a,b,...>        only these: latency, hot-entity, many-entities, answered,
                                       long-life-query, idle-entities, continue-as-new (default: all)
          --continue-as-new <n>        signals per workflow generation, product and baseline (default 20)
          --senders <n>                concurrent senders where a scenario has several (default 8)
          --latency-samples <n>        signal -> applied samples (default 300, after --warmup)
          --warmup <n>                 unmeasured signals before a latency series (default 20); before the
                                       first scenario each side also gets 10 × n concurrent signals and reads
          --hot-signals <n>            signals per hot-entity phase (default 500)
          --entities <n>               entities in the many-entities scenario (default 50)
          --signals-per-entity <n>     signals each of them gets (default 20); answered uses the same counts
          --many-rounds <n>            alternating product/baseline/Restate rounds of many-entities and
                                       answered, median reported (default 5)
          --long-life-signals <n>      signals behind the queried long-lived entity (default 3000)
          --query-samples <n>          queries on the long-lived entity (default 500)
          --idle-entities <n>          idle live entities created (default 10000)
          --idle-query-samples <n>     queries on random idle entities (default 300)
          --can-signals <n>            sequential signals per continue-as-new setting (default 300)
          --poll-ms <n>                baseline status and Restate getter poll interval (default 3)
          --process-log <file>         write every line the Dapr processes and the app print to this file
          --app-setting <KEY=VALUE>    an environment variable for the app, e.g.
                                       EntityActors__Queries__PollInterval=00:00:00.020 (repeatable)
          --replicas <n>               the multi-replica run: many-entities and answered on n product replicas
                                       sharing the store (senders round robin over their URLs), beside one
                                       replica and bare Dapr on the same store; no Restate (default 1: the
                                       three-sided run on SQLite). Needs --store postgres or --store redis
          --store <store>              postgres (PostgreSQL for state, Redis for pub/sub) or redis; the local
                                       runtime starts the servers, one set per side
          --routing <routing>          how the multi-replica run's senders pick a replica: round-robin (default,
                                       as a load balancer or a Service would) or entity (each entity's requests
                                       to the replica its last answer named in Entity-Writer, as a client
                                       inside the cluster can)
          --settle <s>                 the multi-replica run's warm-up goes on in alternating rounds for at least
                                       this long, until no product app compiled for more than 50 ms in the
                                       last of them (default 60; 0 with --tiny)
          --help                       this text
        """;

    public string? OutputPath { get; init; }

    public string? MarkdownPath { get; init; }

    public string? ProcessLogPath { get; init; }

    /// <summary>Extra environment of the app (configuration to compare); recorded in the report.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; init; } = new Dictionary<string, string>();

    public bool Tiny { get; init; }

    public IReadOnlySet<string>? Scenarios { get; init; }

    public int ContinueAsNewAfterSignals { get; init; } = 20;

    public int Senders { get; init; } = 8;

    public int LatencySamples { get; init; } = 300;

    public int Warmup { get; init; } = 20;

    public int HotSignals { get; init; } = 500;

    public int Entities { get; init; } = 50;

    public int SignalsPerEntity { get; init; } = 20;

    /// <summary>Alternating product/baseline rounds of the many-entities scenario; the median of each side is reported.</summary>
    public int ManyRounds { get; init; } = 5;

    public int LongLifeSignals { get; init; } = 3000;

    public int QuerySamples { get; init; } = 500;

    public int IdleEntities { get; init; } = 10_000;

    public int IdleQuerySamples { get; init; } = 300;

    public int ContinueAsNewSignals { get; init; } = 300;

    /// <summary>The frequent continue-as-new setting of the continue-as-new scenario.</summary>
    public int ContinueAsNewShort { get; init; } = 10;

    /// <summary>The rare continue-as-new setting of the continue-as-new scenario.</summary>
    public int ContinueAsNewLong { get; init; } = 1000;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(3);

    /// <summary>The product's <c>Prefer: wait</c> when a signal's outcome is awaited.</summary>
    public int SignalWaitSeconds { get; init; } = 5;

    /// <summary>How long any "until applied" wait may take before the scenario fails.</summary>
    public TimeSpan ApplyTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How long the product's entity workflows may take, after a round's signals were applied, to show them all (the
    /// relay raises them after it lingers) before the round fails.
    /// </summary>
    public TimeSpan WorkflowCatchUpTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The pause between two reads of a product workflow not yet caught up; few reads, since they cost the product's sidecar.</summary>
    public TimeSpan WorkflowPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public bool ShowHelp { get; init; }

    /// <summary>The multi-replica run's replicas and store (<c>--replicas</c>, <c>--store</c>).</summary>
    public ScaleOutOptions ScaleOut { get; init; } = new();

    /// <summary>The handful-of-signals run that tests use so the bench cannot rot.</summary>
    public static BenchOptions TinyDefaults { get; } = new()
    {
        Tiny = true,
        LatencySamples = 10,
        Warmup = 3,
        HotSignals = 20,
        Entities = 5,
        SignalsPerEntity = 4,
        ManyRounds = 1,
        LongLifeSignals = 60,
        QuerySamples = 10,
        IdleEntities = 20,
        IdleQuerySamples = 10,
        ContinueAsNewSignals = 20,
        ContinueAsNewShort = 5,
        ContinueAsNewLong = 1000,
    };

    public bool Runs(string scenario) => Scenarios is null || Scenarios.Contains(scenario);

    /// <summary>Reads the command line; <c>--tiny</c> sets small defaults that later flags may still override.</summary>
    /// <exception cref="FormatException">An unknown flag or a bad value; the message says which.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = args.Contains("--tiny") ? TinyDefaults : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{flag} needs a value.");
            int Count(int minimum = 1)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
                    ? n
                    : throw new FormatException($"{flag} takes a whole number of at least {minimum}, not '{text}'.");
            }

            options = flag switch
            {
                "--tiny" => options,
                "--help" or "-h" => options with { ShowHelp = true },
                "--out" => options with { OutputPath = Value() },
                "--markdown" => options with { MarkdownPath = Value() },
                "--process-log" => options with { ProcessLogPath = Value() },
                "--app-setting" => options with { AppSettings = WithSetting(options.AppSettings, flag, Value()) },
                "--scenarios" => options with { Scenarios = ParseScenarios(Value()) },
                "--continue-as-new" => options with { ContinueAsNewAfterSignals = Count() },
                "--senders" => options with { Senders = Count() },
                "--latency-samples" => options with { LatencySamples = Count() },
                "--warmup" => options with { Warmup = Count(0) },
                "--hot-signals" => options with { HotSignals = Count() },
                "--entities" => options with { Entities = Count() },
                "--signals-per-entity" => options with { SignalsPerEntity = Count() },
                "--many-rounds" => options with { ManyRounds = Count() },
                "--long-life-signals" => options with { LongLifeSignals = Count() },
                "--query-samples" => options with { QuerySamples = Count() },
                "--idle-entities" => options with { IdleEntities = Count() },
                "--idle-query-samples" => options with { IdleQuerySamples = Count() },
                "--can-signals" => options with { ContinueAsNewSignals = Count() },
                "--poll-ms" => options with { PollInterval = TimeSpan.FromMilliseconds(Count()) },
                "--replicas" => options with { ScaleOut = options.ScaleOut with { Replicas = ScaleOutOptions.ParseReplicas(Value()) } },
                "--store" => options with { ScaleOut = options.ScaleOut with { Store = LocalStoreFacts.Parse(Value()) } },
                "--routing" => options with { ScaleOut = options.ScaleOut with { Routing = ScaleOutOptions.ParseRouting(Value()) } },
                "--settle" => options with { ScaleOut = options.ScaleOut with { Settle = TimeSpan.FromSeconds(Count(0)) } },
                _ => throw new FormatException($"Unknown option '{flag}'."),
            };
        }

        options.ScaleOut.Validate(options.Scenarios);
        return options;
    }

    private static Dictionary<string, string> WithSetting(IReadOnlyDictionary<string, string> settings, string flag, string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new FormatException($"{flag} takes KEY=VALUE, not '{text}'.");
        }

        return new Dictionary<string, string>(settings) { [parts[0]] = parts[1] };
    }

    private static HashSet<string> ParseScenarios(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Except(ScenarioNames.All).ToList();
        return unknown.Count == 0
            ? names
            : throw new FormatException($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ScenarioNames.All)}.");
    }
}
