namespace EntityActors.LocalRuntime;

/// <summary>Starts one of the environment's processes with its output prefixed by its name in the log.</summary>
internal static class ProcessLauncher
{
    public static ManagedProcess Start(
        string name,
        string fileName,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<string> arguments,
        Action<string>? log)
    {
        var prefix = $"[{name}] ";
        return ManagedProcess.Start(new ManagedProcessStartInfo
        {
            Name = name,
            FileName = fileName,
            Arguments = arguments,
            Environment = environment,
            WorkingDirectory = workingDirectory,
            Output = log is null ? null : line => log(prefix + line),
        });
    }

    /// <summary>Stops <paramref name="process"/> (SIGTERM, then SIGKILL after <paramref name="gracePeriod"/>) and releases it.</summary>
    public static async Task StopAsync(ManagedProcess? process, TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        if (process is not null)
        {
            await process.StopAsync(gracePeriod, cancellationToken);
            await process.DisposeAsync();
        }
    }

    /// <summary>Kills <paramref name="process"/> as a crash would and waits until it is gone.</summary>
    public static async Task KillAsync(ManagedProcess? process, CancellationToken cancellationToken = default)
    {
        if (process is not null)
        {
            process.Kill();
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    public static bool IsRunning(ManagedProcess? process) => process is { HasExited: false };
}
