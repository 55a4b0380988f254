using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EntityActors.LocalRuntime;
using EntityActors.LocalRuntime.DataOwnership;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.RunCommand;

/// <summary>
/// The run command started as a terminal would start it (the leader of a process group of its own), its console kept
/// line by line. Disposing stops it and, should it have died without stopping them, the processes its record names.
/// </summary>
internal sealed class RunCommandProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan StopBound = TimeSpan.FromMinutes(1);
    public const string ReadyLine = "Press Ctrl+C to stop.";

    private readonly Process process;
    private readonly ConcurrentQueue<string> console = new();
    private readonly ITestOutputHelper testOutput;

    private RunCommandProcess(string dataDirectory, int appPort, IReadOnlyList<string> arguments, ITestOutputHelper testOutput)
    {
        DataDirectory = dataDirectory;
        AppPort = appPort;
        this.testOutput = testOutput;
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string DataDirectory { get; }

    public int AppPort { get; }

    public Uri AppBaseAddress => new($"http://127.0.0.1:{AppPort.ToString(CultureInfo.InvariantCulture)}/");

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public IReadOnlyCollection<string> Console => console;

    /// <summary>Starts <c>dotnet EntityActors.LocalRuntime.dll</c> on free ports (unless <paramref name="appPort"/> says otherwise).</summary>
    public static RunCommandProcess Start(string dataDirectory, ITestOutputHelper testOutput, int? appPort = null, params string[] more)
    {
        var ports = FreePorts.Allocate(3);
        var app = appPort ?? ports[0];
        string[] arguments =
        [
            Environment.ProcessPath ?? "dotnet", typeof(LocalDaprEnvironment).Assembly.Location,
            "--app-port", app.ToString(CultureInfo.InvariantCulture),
            "--dapr-http-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--dapr-grpc-port", ports[2].ToString(CultureInfo.InvariantCulture),
            "--data", dataDirectory,
            .. more,
        ];
        return new RunCommandProcess(dataDirectory, app, arguments, testOutput);
    }

    public async Task WaitForLineAsync(string expected) => await WaitForAsync(line => line == expected, $"'{expected}'");

    public async Task<string> WaitForLineContainingAsync(string fragment) =>
        await WaitForAsync(line => line.Contains(fragment, StringComparison.Ordinal), $"a line with '{fragment}'");

    public async Task<int> ExitCodeAsync(TimeSpan? bound = null)
    {
        using var limit = new CancellationTokenSource(bound ?? StopBound);
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode;
    }

    /// <summary>What a terminal does on Ctrl+C: a signal to every process of the foreground group.</summary>
    public void SignalGroup(string signal) => Signal(signal, "-" + Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>A signal to the runner alone, e.g. <c>KILL</c>, as an out-of-memory kill or a closed container would.</summary>
    public void SignalRunner(string signal) => Signal(signal, Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The pid the run's record (<c>run.json</c>) gives the child called <paramref name="name"/>, or null.</summary>
    public int? ChildPid(string name) => ChildPid(DataDirectory, name);

    public static int? ChildPid(string dataDirectory, string name) =>
        DataDirectoryClaim.ReadRecord(dataDirectory)?.Children.FirstOrDefault(child => child.Name == name)?.Pid;

    public void DumpConsole() => testOutput.WriteLine(string.Join(Environment.NewLine, console));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            SignalRunner("TERM");
            try
            {
                await ExitCodeAsync();
            }
            catch (OperationCanceledException)
            {
                SignalRunner("KILL");
            }
        }

        // A runner that died (or was killed by a test) leaves its children: the product's own cleanup stops them.
        if (DataDirectoryClaim.ReadRecord(DataDirectory) is { } left)
        {
            await LeftoverProcesses.StopAsync(left, TimeSpan.FromSeconds(10), testOutput.WriteLine, CancellationToken.None);
        }

        process.Dispose();
    }

    private async Task<string> WaitForAsync(Func<string, bool> matches, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (console.FirstOrDefault(matches) is { } line)
            {
                return line;
            }

            process.HasExited.Should().BeFalse($"the run command exited before printing {what}");
            clock.Elapsed.Should().BeLessThan(StartBound, $"the run command should print {what}");
            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            console.Enqueue(line);
        }
    }

    private static void Signal(string signal, string target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", target]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
