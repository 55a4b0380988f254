using System.Globalization;

namespace EntityActors.LocalRuntime;

/// <summary>The local-run command's flags, with fixed, documented defaults so URLs stay the same between runs.</summary>
internal sealed record LocalRuntimeCommandLine
{
    public const string Usage = """
        Runs the app with the real Dapr runtime (placement, scheduler, daprd) on this machine. A process that exits
        is started again (after 1 s, doubling up to 30 s), as a kubelet would; Ctrl+C stops everything.

        Usage: dotnet run --project src/EntityActors.LocalRuntime [-- options]
          --replicas <n>           app + sidecar pairs sharing placement, scheduler and store (default 1;
                                   more than one needs --store postgres or --store redis)
          --store <store>          sqlite (default: components/local, no server), redis (starts redis-server,
                                   components/redis) or postgres (starts PostgreSQL and Redis for pub/sub,
                                   components/postgres)
          --app-port <port>        first replica's app HTTP port (default 5080; replica n: this + n - 1 where free)
          --dapr-http-port <port>  first replica's sidecar HTTP port (default 3500; likewise)
          --dapr-grpc-port <port>  first replica's sidecar gRPC port (default 50001; likewise)
          --data <dir>             state folder, kept between runs (default <repo>/.dapr-data); one run at a time
                                   owns it (run.lock), and stops what a killed earlier run left running
          --resources <dir>        Dapr components folder (default: the store's, under <repo>/components)
          --verbose, -v            also stream daprd's, scheduler's, placement's and the store servers' logs here
                                   (always in <data>/logs)
          --help                   this text
        """;

    public int AppPort { get; init; } = 5080;

    public int DaprHttpPort { get; init; } = 3500;

    public int DaprGrpcPort { get; init; } = 50001;

    public string? DataDirectory { get; init; }

    public string? ResourcesPath { get; init; }

    public int Replicas { get; init; } = 1;

    public LocalStore Store { get; init; } = LocalStore.Sqlite;

    public bool Verbose { get; init; }

    public bool ShowHelp { get; init; }

    /// <exception cref="FormatException">An unknown flag or a missing or malformed value.</exception>
    public static LocalRuntimeCommandLine Parse(IReadOnlyList<string> args)
    {
        var parsed = new LocalRuntimeCommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            parsed = args[i] switch
            {
                "--app-port" => parsed with { AppPort = PortValue(args, ref i) },
                "--dapr-http-port" => parsed with { DaprHttpPort = PortValue(args, ref i) },
                "--dapr-grpc-port" => parsed with { DaprGrpcPort = PortValue(args, ref i) },
                "--data" => parsed with { DataDirectory = Value(args, ref i) },
                "--resources" => parsed with { ResourcesPath = Value(args, ref i) },
                "--replicas" => parsed with { Replicas = CountValue(args, ref i) },
                "--store" => parsed with { Store = LocalStoreFacts.Parse(Value(args, ref i)) },
                "--verbose" or "-v" => parsed with { Verbose = true },
                "--help" or "-h" => parsed with { ShowHelp = true },
                var unknown => throw new FormatException($"Unknown option '{unknown}'."),
            };
        }

        return parsed;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        return ++i < args.Count ? args[i] : throw new FormatException($"{flag} needs a value.");
    }

    private static int CountValue(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 16
            ? count
            : throw new FormatException($"{flag} needs a number from 1 to 16, not '{text}'.");
    }

    private static int PortValue(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"{flag} needs a port number (1-65535), not '{text}'.");
    }
}
