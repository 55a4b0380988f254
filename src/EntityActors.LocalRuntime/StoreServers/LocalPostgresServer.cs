using System.Globalization;

namespace EntityActors.LocalRuntime.StoreServers;

/// <summary>
/// A PostgreSQL server of its own: <c>initdb</c> into a folder (once; a kept folder is reused), <c>postgres</c> on a
/// free loopback port with its unix socket in that folder. PostgreSQL refuses to run as root, so under root it runs as
/// the <c>postgres</c> user that Debian's package creates. Binaries: <c>POSTGRES_BIN</c>, else the newest
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (Debian: <c>apt-get install postgresql</c>), else PATH.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    /// <summary>The postmaster's name in logs and in a run's record.</summary>
    internal const string ProcessName = "postgres";

    private const string ServiceUser = "postgres";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly string binDirectory;
    private readonly string directory;
    private readonly Action<string>? log;
    private ManagedProcess? process;

    private LocalPostgresServer(string binDirectory, string directory, int port, Action<string>? log)
    {
        this.binDirectory = binDirectory;
        this.directory = directory;
        this.log = log;
        Port = port;
    }

    /// <summary>The loopback port it listens on; the same across restarts.</summary>
    public int Port { get; }

    /// <summary>A libpq key/value connection string for the <c>postgres</c> database, as a component's <c>connectionString</c> takes it.</summary>
    public string ConnectionString =>
        $"host=127.0.0.1 port={Port.ToString(CultureInfo.InvariantCulture)} user={ServiceUser} database=postgres sslmode=disable connect_timeout=5";

    /// <summary>The same in Npgsql's own form, as the read model takes it.</summary>
    public string NpgsqlConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={ServiceUser};Database=postgres;SSL Mode=Disable;Timeout=5";

    /// <summary>Operating-system process id of the postmaster, or null when it does not run.</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    internal ManagedProcess? Process => process;

    private string DataFolder => Path.Combine(directory, "data");

    private string SocketFolder => Path.Combine(directory, "socket");

    private static bool RunsAsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>Initializes <paramref name="directory"/> if it holds no cluster yet, starts the server and waits until it takes connections.</summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL binaries, or the server did not start.</exception>
    public static async Task<LocalPostgresServer> StartAsync(string directory, Action<string>? log, CancellationToken cancellationToken = default)
    {
        var bin = LocateBinDirectory() ?? throw new InvalidOperationException(
            "Running on PostgreSQL needs its server programs (initdb, postgres, pg_isready; Debian: apt-get install postgresql; " +
            ".ci/run installs it), in /usr/lib/postgresql/<version>/bin, on PATH, or in the folder named by POSTGRES_BIN.");
        var server = new LocalPostgresServer(bin, Path.GetFullPath(directory), FreePorts.Allocate(1)[0], log);
        try
        {
            await server.InitializeAsync(cancellationToken);
            await server.StartProcessAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the postmaster and its backends (SIGKILL), as a crashed node would, and waits until they are gone.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => ProcessLauncher.KillAsync(process, cancellationToken);

    /// <summary>Starts it again on the same port and data (stopping it first if it runs); after a kill it recovers from its WAL.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(StopGrace);
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>Starts the server again in place of one that exited (it recovers from its WAL), and waits until it takes connections.</summary>
    internal async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        await ProcessLauncher.StopAsync(process, TimeSpan.Zero, cancellationToken);
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>Fast shutdown (SIGINT: clients are disconnected, the data is checkpointed), SIGKILL after <paramref name="gracePeriod"/>.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        // SIGTERM would be a "smart" shutdown, which waits for every client (each sidecar's pool) to leave.
        PosixSignals.Interrupt(process.Id);
        await ProcessLauncher.StopAsync(process, gracePeriod);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataFolder);
        Directory.CreateDirectory(SocketFolder);
        if (RunsAsRoot)
        {
            await RunToEndAsync("chown", "/usr/bin/chown", ["-R", $"{ServiceUser}:{ServiceUser}", directory], asServiceUser: false, cancellationToken);
            OpenAncestorsForTraversal(directory);
        }

        if (File.Exists(Path.Combine(DataFolder, "PG_VERSION")))
        {
            return;
        }

        await RunToEndAsync("initdb", Program("initdb"),
            ["-D", DataFolder, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], RunsAsRoot, cancellationToken);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var (file, arguments) = Command(Program("postgres"),
        [
            "-D", DataFolder,
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-k", SocketFolder,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=200",
        ],
        RunsAsRoot);
        process = ProcessLauncher.Start(ProcessName, file, directory, new Dictionary<string, string?>(), arguments, log);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process} before it took connections: {string.Join(Environment.NewLine, process.RecentOutput())}");
            }

            var ready = await RunToEndAsync("pg_isready", Program("pg_isready"),
                ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", ServiceUser, "-d", "postgres", "-q"],
                asServiceUser: false, cancellationToken, throwOnFailure: false);
            if (ready)
            {
                return;
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                throw new InvalidOperationException($"PostgreSQL did not take connections on port {Port} within {ReadyTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<bool> RunToEndAsync(
        string name, string file, IReadOnlyList<string> arguments, bool asServiceUser, CancellationToken cancellationToken, bool throwOnFailure = true)
    {
        var (program, all) = Command(file, arguments, asServiceUser);
        await using var run = ProcessLauncher.Start(name, program, directory, new Dictionary<string, string?>(), all, throwOnFailure ? log : null);
        await run.WaitForExitAsync(cancellationToken);
        if (run.ExitCode != 0 && throwOnFailure)
        {
            throw new InvalidOperationException($"{run}: {string.Join(Environment.NewLine, run.RecentOutput())}");
        }

        return run.ExitCode == 0;
    }

    private static (string File, IReadOnlyList<string> Arguments) Command(string file, IReadOnlyList<string> arguments, bool asServiceUser) =>
        asServiceUser
            ? ("/usr/bin/setpriv", ["--reuid", ServiceUser, "--regid", ServiceUser, "--clear-groups", "--", file, .. arguments])
            : (file, arguments);

    // The service user must reach its folder: a private temporary folder above it (mode 0700) would stop it.
    private void OpenAncestorsForTraversal(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var parent = Directory.GetParent(folder); parent is not null; parent = parent.Parent)
        {
            var mode = File.GetUnixFileMode(parent.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(parent.FullName, mode | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                log?.Invoke($"[postgres] let user {ServiceUser} traverse {parent.FullName} (group and others may now enter it)");
            }
        }
    }

    private string Program(string name) => Path.Combine(binDirectory, name);

    private static string? LocateBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } named)
        {
            return File.Exists(Path.Combine(named, "initdb")) ? named : null;
        }

        const string debian = "/usr/lib/postgresql";
        var versioned = Directory.Exists(debian)
            ? Directory.EnumerateDirectories(debian)
                .Select(folder => (Folder: Path.Combine(folder, "bin"), Version: int.TryParse(Path.GetFileName(folder), out var version) ? version : -1))
                .Where(candidate => File.Exists(Path.Combine(candidate.Folder, "initdb")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Folder)
                .FirstOrDefault()
            : null;
        return versioned ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "postgres")));
    }
}
