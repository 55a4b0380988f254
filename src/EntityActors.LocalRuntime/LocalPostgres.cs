using System.Globalization;

namespace EntityActors.LocalRuntime;

/// <summary>
/// A throwaway PostgreSQL server (Debian's <c>postgresql</c> package) in a temporary folder on a free loopback port:
/// <c>initdb</c>, then <c>postgres</c> in the foreground, stopped and deleted on dispose. As root (CI, these machines) it
/// runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root. Binaries: <c>PG_BIN</c>, else the newest
/// <c>/usr/lib/postgresql/*/bin</c>, else PATH. Made for tests and the bench: durability is off (no fsync).
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ManagedProcess server;
    private readonly string folder;

    private LocalPostgres(ManagedProcess server, string folder, int port)
    {
        this.server = server;
        this.folder = folder;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string to the server's <c>postgres</c> database (trust authentication, loopback only).</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={ServiceUser};Database=postgres;Pooling=true";

    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or did not start.</exception>
    public static async Task<LocalPostgres> StartAsync(Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var binaries = LocateBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is needed (Debian: apt-get install postgresql; .ci/run installs it): no initdb in PG_BIN, /usr/lib/postgresql/*/bin or PATH.");
        var folder = Directory.CreateTempSubdirectory("entityactors-pg-").FullName;
        var data = Path.Combine(folder, "data");
        try
        {
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                await RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", folder], log, cancellationToken);
            }

            await RunAsync(
                Path.Combine(binaries, "initdb"),
                ["-D", data, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                log, cancellationToken, asRoot);
            var port = FreePorts.Allocate(1)[0];
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (file, arguments) = AsServiceUser(
                Path.Combine(binaries, "postgres"),
                [
                    "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                ],
                asRoot);
            var server = ManagedProcess.Start(new ManagedProcessStartInfo
            {
                Name = "postgres",
                FileName = file,
                Arguments = arguments,
                Output = line =>
                {
                    log?.Invoke("[postgres] " + line);
                    if (line.Contains("ready to accept connections", StringComparison.Ordinal))
                    {
                        ready.TrySetResult();
                    }
                },
            });
            var started = new LocalPostgres(server, folder, port);
            var first = await Task.WhenAny(ready.Task, server.WaitForExitAsync(cancellationToken), Task.Delay(StartTimeout, cancellationToken));
            if (first != ready.Task)
            {
                var output = string.Join(Environment.NewLine, server.RecentOutput());
                await started.DisposeAsync();
                throw new InvalidOperationException(
                    $"PostgreSQL did not get ready on port {port} within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{output}");
            }

            return started;
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        // SIGTERM is PostgreSQL's "smart" shutdown; the grace period then kills it.
        await server.StopAsync(TimeSpan.FromSeconds(10));
        await server.DisposeAsync();
        TryDelete(folder);
    }

    private static string? LocateBinaries()
    {
        var named = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(named))
        {
            return File.Exists(Path.Combine(named, "initdb")) ? named : null;
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")));
    }

    /// <summary>Runs the program as <see cref="ServiceUser"/> when this process is root (setpriv execs it in place: no extra process).</summary>
    private static (string File, IReadOnlyList<string> Arguments) AsServiceUser(string file, IReadOnlyList<string> arguments, bool asRoot) =>
        asRoot
            ? ("setpriv", ["--reuid", ServiceUser, "--regid", ServiceUser, "--init-groups", "--", file, .. arguments])
            : (file, arguments);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, Action<string>? log, CancellationToken cancellationToken, bool asServiceUser = false)
    {
        var (program, all) = AsServiceUser(file, arguments, asServiceUser);
        await using var process = ManagedProcess.Start(new ManagedProcessStartInfo
        {
            Name = Path.GetFileName(file),
            FileName = program,
            Arguments = all,
            Output = line => log?.Invoke($"[{Path.GetFileName(file)}] {line}"),
        });
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} exited with {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, process.RecentOutput())}");
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
