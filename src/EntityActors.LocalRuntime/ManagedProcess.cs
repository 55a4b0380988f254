using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace EntityActors.LocalRuntime;

/// <summary>
/// A child process whose output is streamed line by line and which never outlives its owner: disposing kills it,
/// and so does this process exiting (<see cref="AppDomain.ProcessExit"/>).
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable, IDisposable
{
    private static readonly ConcurrentDictionary<ManagedProcess, byte> Alive = new();
    private static int exitHookInstalled;

    /// <summary>
    /// Raised (on the thread that started or saw the end of a child) whenever <see cref="Children"/> changed: what
    /// the run command records in its data folder, so the next run can stop what a killed runner left behind.
    /// </summary>
    internal static event Action? ChildrenChanged;

    private const string SetSid = "/usr/bin/setsid";

    // Only bounds Dispose when a killed process's output pipes are held open by something else.
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(5);

    private readonly Process process;
    private readonly Action<string>? output;
    private readonly int recentCapacity;
    private readonly Queue<string> recent;
    private readonly Lock recentLock = new();
    private readonly Task exited;
    private int? exitCode;
    private DateTimeOffset? exitedAt;
    private int disposed;

    private ManagedProcess(ManagedProcessStartInfo startInfo, Process process)
    {
        Name = startInfo.Name;
        this.process = process;
        output = startInfo.Output;
        recentCapacity = Math.Max(0, startInfo.RecentOutputCapacity);
        recent = new Queue<string>(recentCapacity);
        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => OnLine(line.Data);
        process.Start();
        Id = process.Id;
        StartedAt = DateTimeOffset.UtcNow;
        Alive.TryAdd(this, 0);
        ChildrenChanged?.Invoke();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        exited = WatchAsync();
    }

    /// <summary>The name given at start, used in logs.</summary>
    public string Name { get; }

    /// <summary>The operating-system process id.</summary>
    public int Id { get; }

    /// <summary>True once the process has exited and its output has been read to the end.</summary>
    public bool HasExited => exited.IsCompleted;

    /// <summary>The exit code, or <c>null</c> while it runs; 128 + the signal's number when a signal ended it (137: SIGKILL).</summary>
    public int? ExitCode => HasExited ? exitCode : null;

    /// <summary>When it was started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long it ran: until it exited, or until now while it runs.</summary>
    public TimeSpan RunTime => (exitedAt ?? DateTimeOffset.UtcNow) - StartedAt;

    /// <summary>The children of this process that have not exited (nor been released) yet.</summary>
    internal static IReadOnlyCollection<ManagedProcess> Children => Alive.Keys.ToList();

    /// <summary>Starts the process described by <paramref name="startInfo"/>.</summary>
    /// <exception cref="Win32Exception">The program could not be started.</exception>
    public static ManagedProcess Start(ManagedProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        InstallExitHook();
        var (fileName, arguments) = InOwnSession(startInfo);
        var processStartInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = startInfo.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            processStartInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in startInfo.Environment)
        {
            if (value is null)
            {
                processStartInfo.Environment.Remove(name);
            }
            else
            {
                processStartInfo.Environment[name] = value;
            }
        }

        return new ManagedProcess(startInfo, new Process { StartInfo = processStartInfo });
    }

    /// <summary>
    /// Runs the program through <c>setsid</c> where there is one (it execs in place: the process id stays the
    /// program's), so the child has a session and process group of its own. A terminal's Ctrl+C, or a signal to the
    /// owner's group, then reaches only the owner, which stops its children in order (the app before its sidecar):
    /// signalled together, the sidecar closed the workflow worker's stream under the still running app, which logged
    /// it as an error with a stack trace at every stop.
    /// </summary>
    private static (string FileName, IReadOnlyList<string> Arguments) InOwnSession(ManagedProcessStartInfo startInfo) =>
        OperatingSystem.IsWindows() || !File.Exists(SetSid)
            ? (startInfo.FileName, startInfo.Arguments)
            : (SetSid, [startInfo.FileName, .. startInfo.Arguments]);

    /// <summary>The last lines the process wrote, oldest first.</summary>
    public IReadOnlyList<string> RecentOutput()
    {
        lock (recentLock)
        {
            return recent.ToArray();
        }
    }

    /// <summary>Completes when the process has exited and its output has been read.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => exited.WaitAsync(cancellationToken);

    /// <summary>
    /// Asks the process to stop (SIGTERM; on Windows, which has no such signal, it is killed) and waits; kills the
    /// whole process tree if it is still running after <paramref name="gracePeriod"/> or when cancelled.
    /// </summary>
    public async Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        if (HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || !PosixSignals.Terminate(Id))
        {
            Kill();
        }

        try
        {
            await exited.WaitAsync(gracePeriod, cancellationToken);
        }
        catch (TimeoutException)
        {
            Kill();
            await exited;
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
    }

    /// <summary>Kills the process and all its descendants at once (SIGKILL), as a crash would; does not wait.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited: nothing to kill.
        }
        catch (Win32Exception)
        {
            // Exiting while being killed; the exit watcher still observes it.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Kill();
        try
        {
            await exited.WaitAsync(DisposeWait);
        }
        catch (TimeoutException)
        {
            // The process is killed; only its output pipes are still open elsewhere.
        }

        Release();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Kill();
        process.WaitForExit(DisposeWait);
        Release();
    }

    /// <inheritdoc />
    public override string ToString() =>
        HasExited ? $"{Name} (pid {Id}, exited with code {exitCode})" : $"{Name} (pid {Id}, running)";

    private static void InstallExitHook()
    {
        if (Interlocked.Exchange(ref exitHookInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var child in Alive.Keys)
                {
                    child.Kill();
                }
            };
        }
    }

    private async Task WatchAsync()
    {
        try
        {
            await process.WaitForExitAsync();
            exitCode = process.ExitCode;
            exitedAt = DateTimeOffset.UtcNow;
        }
        catch (InvalidOperationException)
        {
            // Disposed while waiting: the process was killed first.
        }
        finally
        {
            exitedAt ??= DateTimeOffset.UtcNow;
            Forget();
        }
    }

    private void Release()
    {
        Forget();
        process.Dispose();
    }

    private void Forget()
    {
        if (Alive.TryRemove(this, out _))
        {
            ChildrenChanged?.Invoke();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (recentLock)
        {
            if (recentCapacity > 0)
            {
                if (recent.Count == recentCapacity)
                {
                    recent.Dequeue();
                }

                recent.Enqueue(line);
            }
        }

        try
        {
            output?.Invoke(line);
        }
        catch (Exception)
        {
            // A failing log sink must not take the output reader (and with it this process) down.
        }
    }
}
