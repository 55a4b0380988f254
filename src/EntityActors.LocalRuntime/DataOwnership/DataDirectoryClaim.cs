using System.Text.Json;

namespace EntityActors.LocalRuntime.DataOwnership;

/// <summary>
/// A run's hold on its data folder, for the runner's whole life: an exclusive lock on <c>run.lock</c> (an advisory
/// <c>flock</c>, which the kernel releases when the runner dies however it dies) and a record, <c>run.json</c>, of the
/// runner and every child it has running, rewritten as they start and end. A second runner on the folder is refused
/// before it touches anything; a runner that finds the lock free but the record of a run that died under it can stop
/// what that run left running (<see cref="LeftoverProcesses"/>).
/// </summary>
internal sealed class DataDirectoryClaim : IDisposable
{
    public const string LockFileName = "run.lock";
    public const string RecordFileName = "run.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly FileStream lockFile;
    private readonly string recordPath;
    private readonly RecordedProcess runner;
    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    private readonly Lock gate = new();
    private bool disposed;

    private DataDirectoryClaim(FileStream lockFile, string directory, RunRecord? previous)
    {
        this.lockFile = lockFile;
        recordPath = Path.Combine(directory, RecordFileName);
        Previous = previous;
        runner = new RecordedProcess { Name = "runner", Pid = Environment.ProcessId, StartTime = ProcessIdentity.StartTimeOf(Environment.ProcessId) ?? 0 };
        ManagedProcess.ChildrenChanged += WriteRecord;
        WriteRecord();
    }

    /// <summary>The record of the run before this one, when it ended without clearing it (killed, or crashed).</summary>
    public RunRecord? Previous { get; }

    /// <summary>Takes <paramref name="directory"/> (created if missing) for this process.</summary>
    /// <exception cref="DataDirectoryInUseException">A live run holds it; nothing in it was touched.</exception>
    public static DataDirectoryClaim Acquire(string directory)
    {
        directory = Directory.CreateDirectory(directory).FullName;
        FileStream lockFile;
        try
        {
            // FileShare.None is an exclusive flock on Unix; the file is opened close-on-exec, so no child inherits it.
            lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new DataDirectoryInUseException(directory, ReadRecord(directory)?.Runner, exception);
        }

        return new DataDirectoryClaim(lockFile, directory, ReadRecord(directory));
    }

    /// <summary>The record in <paramref name="directory"/>, or null when there is none (or it cannot be read).</summary>
    public static RunRecord? ReadRecord(string directory)
    {
        var path = Path.Combine(directory, RecordFileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Clears the record (every child is stopped by now) and lets the folder go.</summary>
    public void Dispose()
    {
        ManagedProcess.ChildrenChanged -= WriteRecord;
        lock (gate)
        {
            disposed = true;
            TryDelete(recordPath);
        }

        lockFile.Dispose();
    }

    private void WriteRecord()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            // Taken under the lock, so a later snapshot is never overwritten by an earlier one.
            var children = ManagedProcess.Children
                .Select(child => ProcessIdentity.StartTimeOf(child.Id) is { } startTime ? new RecordedProcess { Name = child.Name, Pid = child.Id, StartTime = startTime } : null)
                .OfType<RecordedProcess>()
                .OrderBy(child => child.Pid)
                .ToList();

            var temporary = recordPath + ".tmp";
            try
            {
                File.WriteAllText(temporary, JsonSerializer.Serialize(new RunRecord { Runner = runner, StartedAt = startedAt, Children = children }, Json));
                File.Move(temporary, recordPath, overwrite: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A stale record costs the next run a leftover it cannot name; failing the run over it would cost more.
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The next run finds no live process in it.
        }
    }
}
