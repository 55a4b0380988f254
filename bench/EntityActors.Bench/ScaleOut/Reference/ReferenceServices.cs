using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Scenarios;
using EntityActors.LocalRuntime;
using EntityActors.LocalRuntime.StoreServers;
using Npgsql;

namespace EntityActors.Bench.ScaleOut.Reference;

/// <summary>
/// <see cref="ReferenceService"/> on n processes sharing one PostgreSQL server and on one process with a server of its
/// own, beside the product's sides in the multi-replica run. Its rounds are the answered rounds' shape (entities ×
/// signals, the same senders, each answer awaited, each entity's requests to one process): n processes against one
/// is what splitting a service costs on these cores when its own work is the least it can be.
/// </summary>
public sealed class ReferenceServices : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly ReferenceSide spread;
    private readonly ReferenceSide single;
    private readonly HttpClient http = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(30) };

    private ReferenceServices(ReferenceSide spread, ReferenceSide single)
    {
        this.spread = spread;
        this.single = single;
    }

    public int Processes => spread.Urls.Count;

    /// <summary>Starts both sides' servers and processes and returns when every process answers.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is missing, or a process did not start.</exception>
    public static async Task<ReferenceServices> StartAsync(int processes, Action<string> log, CancellationToken cancellationToken)
    {
        var sides = await Task.WhenAll(
            ReferenceSide.StartAsync("reference-n", processes, log, cancellationToken),
            ReferenceSide.StartAsync("reference-1", 1, log, cancellationToken));
        var services = new ReferenceServices(sides[0], sides[1]);
        try
        {
            await services.WaitUntilAnsweringAsync(cancellationToken);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>One round on the n processes (<paramref name="spreadOut"/>) or on the one.</summary>
    public async Task<SideRound> RoundAsync(bool spreadOut, int round, int entities, int signalsPerEntity, int senders, CancellationToken cancellationToken)
    {
        var side = spreadOut ? spread : single;
        var count = entities * signalsPerEntity;
        var window = new CpuWindow(side.ProcessIds(), new HashSet<string> { "postgresSeconds" });
        var clock = Stopwatch.StartNew();
        await Senders.RunAsync(count, senders, async (item, token) =>
        {
            // Round robin over the entities, each entity's requests to one process, as the product's entity routing.
            var entity = item % entities;
            var id = string.Create(CultureInfo.InvariantCulture, $"r{round}-e{entity}");
            using var response = await http.PostAsJsonAsync(
                new Uri(side.Urls[entity % side.Urls.Count], $"signals/{id}"), new ReferenceSignal(item / entities), token);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<ReferenceAnswer>(token);
            if (answer?.Inserted != 1)
            {
                throw new InvalidOperationException($"The reference service inserted {answer?.Inserted} rows for {id}'s signal {item / entities}, not 1.");
            }
        }, cancellationToken);
        clock.Stop();
        var used = window.Stop();
        var cpu = used.Where(pair => pair.Key.EndsWith("Seconds", StringComparison.Ordinal) && pair.Key != "otherSeconds").Sum(pair => pair.Value);
        var switches = window.Switches.Values.Sum();
        return new SideRound(round, count, clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, cpu, ContextSwitches: switches);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Task.WhenAll(spread.DisposeAsync().AsTask(), single.DisposeAsync().AsTask());
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var url in spread.Urls.Concat(single.Urls))
        {
            while (true)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync(new Uri(url, "signals/ready"), new ReferenceSignal(0), cancellationToken);
                    response.EnsureSuccessStatusCode();
                    break;
                }
                catch (HttpRequestException) when (deadline.Elapsed < ReadyTimeout)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }

    /// <summary>One side: a PostgreSQL server in a folder of its own and the processes on it.</summary>
    private sealed class ReferenceSide : IAsyncDisposable
    {
        private readonly LocalPostgresServer postgres;
        private readonly string folder;
        private readonly List<ManagedProcess> services;

        private ReferenceSide(LocalPostgresServer postgres, string folder, List<ManagedProcess> services, List<Uri> urls)
        {
            this.postgres = postgres;
            this.folder = folder;
            this.services = services;
            Urls = urls;
        }

        public IReadOnlyList<Uri> Urls { get; }

        public static async Task<ReferenceSide> StartAsync(string name, int processes, Action<string> log, CancellationToken cancellationToken)
        {
            var folder = Directory.CreateTempSubdirectory($"entityactors-{name}-").FullName;
            var postgres = await LocalPostgresServer.StartAsync(folder, line => log($"[{name}] {line}"), cancellationToken);
            var connection = string.Create(CultureInfo.InvariantCulture,
                $"Host=127.0.0.1;Port={postgres.Port};Username=postgres;Database=postgres;SSL Mode=Disable");
            await using (var data = NpgsqlDataSource.Create(connection))
            await using (var create = data.CreateCommand("CREATE TABLE IF NOT EXISTS signals (entity text NOT NULL, number int NOT NULL, PRIMARY KEY (entity, number))"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var ports = FreePorts.Allocate(processes);
            var services = ports.Select((port, i) => ManagedProcess.Start(new ManagedProcessStartInfo
            {
                Name = $"{name}-{i + 1}",
                FileName = DotnetHost.Resolve(),
                Arguments = [typeof(ReferenceService).Assembly.Location, ReferenceService.Command, port.ToString(CultureInfo.InvariantCulture), connection],
                Environment = ReferenceService.AppRuntimeSettings,
                Output = line => log($"[{name}-{i + 1}] {line}"),
            })).ToList();
            var urls = ports.Select(port => new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"))).ToList();
            return new ReferenceSide(postgres, folder, services, urls);
        }

        public Dictionary<string, int?> ProcessIds()
        {
            var ids = services.Select((process, i) => (Name: string.Create(CultureInfo.InvariantCulture, $"service{i + 1}Seconds"), Id: (int?)process.Id))
                .ToDictionary(pair => pair.Name, pair => pair.Id);
            ids["postgresSeconds"] = postgres.ProcessId;
            return ids;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in services)
            {
                await service.StopAsync(TimeSpan.FromSeconds(5));
                await service.DisposeAsync();
            }

            await postgres.StopAsync(TimeSpan.FromSeconds(10));
            await postgres.DisposeAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A server's leftover file; the temporary folder is the system's to clean.
            }
        }
    }
}
