namespace EntityActors.LocalRuntime;

/// <summary>
/// Where the run command puts its processes' output: every line in a file per process
/// (<c>&lt;logs&gt;/daprd.log</c>, <c>scheduler.log</c>, <c>placement.log</c>, <c>app.log</c>, <c>environment.log</c>;
/// with replicas <c>app-2.log</c>, <c>daprd-2.log</c>, ...; the store servers' <c>redis.log</c>, <c>postgres.log</c>;
/// each started afresh per run), and on the console only the apps' own lines, unless <see cref="Verbose"/> streams
/// the runtime's too, and what the runner itself does (<see cref="Announce"/>, also kept in <c>runner.log</c>). Lines
/// arrive as <c>[name] text</c>, the way <see cref="LocalDaprEnvironmentOptions.Log"/> gives them.
/// </summary>
public sealed class RunOutput : IDisposable
{
    private const string AppName = "app";
    private const string RunnerName = "runner";
    private const string UnnamedFile = "environment";

    private readonly Dictionary<string, StreamWriter> files = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly TextWriter console;
    private bool disposed;

    /// <summary>Prepares <paramref name="directory"/> (created if missing); nothing is written until a line arrives.</summary>
    public RunOutput(string directory, bool verbose, TextWriter console)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        Verbose = verbose;
        this.console = console ?? throw new ArgumentNullException(nameof(console));
    }

    /// <summary>The folder holding one log file per process.</summary>
    public string Directory { get; }

    /// <summary>Whether every process's lines are also written to the console.</summary>
    public bool Verbose { get; }

    /// <summary>The file that holds the lines of the process called <paramref name="name"/>.</summary>
    public string PathOf(string name) => Path.Combine(Directory, FileName(name) + ".log");

    /// <summary>Takes one line, from any thread.</summary>
    public void Write(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var (name, text) = Split(line);
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            FileFor(name).WriteLine(text);
            if (Verbose || name.StartsWith(AppName, StringComparison.Ordinal))
            {
                console.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// Takes a sentence about what the runner did on its own (a process it started again, leftovers it stopped): on the
    /// console, whatever <see cref="Verbose"/> says, with the time, and in <c>runner.log</c>.
    /// </summary>
    public void Announce(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stamped = $"{DateTime.Now:HH:mm:ss} {text}";
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            FileFor(RunnerName).WriteLine(stamped);
            console.WriteLine(stamped);
        }
    }

    /// <summary>Closes the files; lines that arrive later are dropped.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            foreach (var file in files.Values)
            {
                file.Dispose();
            }

            files.Clear();
        }
    }

    private StreamWriter FileFor(string name)
    {
        var fileName = FileName(name);
        if (!files.TryGetValue(fileName, out var file))
        {
            // Flushed per line, so `tail -f` follows a running process.
            file = new StreamWriter(new FileStream(PathOf(name), FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            files[fileName] = file;
        }

        return file;
    }

    private static (string Name, string Text) Split(string line)
    {
        var end = line.StartsWith('[') ? line.IndexOf("] ", StringComparison.Ordinal) : -1;
        return end > 1 ? (line[1..end], line[(end + 2)..]) : (UnnamedFile, line);
    }

    private static string FileName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? name : UnnamedFile;
}
