namespace EntityActors.LocalRuntime.DataOwnership;

/// <summary>Another run, still alive, holds the data folder.</summary>
internal sealed class DataDirectoryInUseException(string directory, RecordedProcess? runner, Exception innerException)
    : IOException(Describe(directory, runner), innerException)
{
    /// <summary>The live run's runner, when its record could be read.</summary>
    public RecordedProcess? Runner { get; } = runner;

    private static string Describe(string directory, RecordedProcess? runner) =>
        runner is null
            ? $"Another run uses {directory} (it holds {Path.Combine(directory, DataDirectoryClaim.LockFileName)}). Stop it first (Ctrl+C in its terminal), or pass another --data folder."
            : $"Another run uses {directory}: the runner with pid {runner.Pid} is alive. Stop it first (Ctrl+C in its terminal, or `kill {runner.Pid}`: " +
              "it stops its processes in order), or pass another --data folder.";
}
