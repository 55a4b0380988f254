using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EntityActors.Deploy.Tests.Support;

/// <summary>
/// A long-running server process (etcd, kube-apiserver). Its last lines of output are kept, so a failed start
/// can say why; with <c>K8S_LOG=1</c> every line also goes to the xunit diagnostic sink.
/// </summary>
internal sealed class BackgroundProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    private static readonly bool Verbose = Environment.GetEnvironmentVariable("K8S_LOG") == "1";

    private readonly Process process;
    private readonly ConcurrentQueue<string> tail = new();

    private BackgroundProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public string Tail => string.Join(Environment.NewLine, tail);

    public static BackgroundProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, IMessageSink diagnostics)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var started = new BackgroundProcess(name, process);
        process.OutputDataReceived += (_, line) => started.Record(line.Data, diagnostics);
        process.ErrorDataReceived += (_, line) => started.Record(line.Data, diagnostics);
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot start {name} from {fileName}: {exception.Message}", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(deadline.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing left to stop.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void Record(string? line, IMessageSink diagnostics)
    {
        if (line is null)
        {
            return;
        }

        tail.Enqueue(line);
        while (tail.Count > KeptLines && tail.TryDequeue(out _))
        {
        }

        if (Verbose)
        {
            diagnostics.OnMessage(new DiagnosticMessage($"[{Name}] {line}"));
        }
    }
}
