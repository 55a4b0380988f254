using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EntityActors.LocalRuntime;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.RunCommand;

/// <summary>
/// The run command (<c>dotnet run --project src/EntityActors.LocalRuntime</c>) as a newcomer meets it in a terminal:
/// a short summary on the console with the runtime's logs in files, and a quiet stop when the terminal's group is
/// signalled (as Ctrl+C does).
/// </summary>
[Collection(RunCommandCollection.Name)]
public sealed class RunCommandTests(ITestOutputHelper testOutput) : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopBound = TimeSpan.FromMinutes(1);
    private static readonly string[] RuntimeProcesses = ["daprd", "scheduler", "placement"];
    private static readonly string[] ExpectedUnhealthyChecks = ["cluster-agreement", "draining"];

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("entityactors-run-").FullName;
    private readonly ConcurrentQueue<string> console = new();

    [Fact]
    public async Task It_prints_a_short_summary_keeps_the_runtime_logs_in_files_and_stops_quietly_on_a_terminal_interrupt()
    {
        using var run = StartRunCommand();
        try
        {
            await WaitForLineAsync(run, "Press Ctrl+C to stop.");
            var logs = Path.Combine(dataDirectory, "logs");

            console.Should().NotContain(line => RuntimeProcesses.Any(name => line.StartsWith($"[{name}]", StringComparison.Ordinal)),
                "the runtime's own lines go to files");
            console.Count.Should().BeLessThan(40, "the console shows a summary, not the runtime's logs");
            console.Should().Contain(line => line.Contains(logs, StringComparison.Ordinal), "the summary says where the logs are");
            foreach (var name in RuntimeProcesses.Append("app"))
            {
                new FileInfo(Path.Combine(logs, name + ".log")).Length.Should().BeGreaterThan(0, $"{name} logged at start");
            }

            SignalGroup(run, "TERM");
            (await ExitCodeAsync(run)).Should().Be(0);
            console.Should().Contain("Stopped.");
            var appLog = await File.ReadAllLinesAsync(Path.Combine(logs, "app.log"));
            appLog.Should().NotContain(line => line.Contains("Error in receive loop", StringComparison.Ordinal)
                || line.Contains("already registered", StringComparison.Ordinal));
            appLog.Select((line, index) => (line, index)).Where(entry => entry.line.StartsWith("fail:", StringComparison.Ordinal))
                .Should().OnlyContain(entry => ExpectedUnhealthy(appLog, entry.index),
                    "the only failures at a start and a stop are the health checks that are meant to fail then");
        }
        catch
        {
            testOutput.WriteLine(string.Join(Environment.NewLine, console));
            throw;
        }
        finally
        {
            if (!run.HasExited)
            {
                SignalGroup(run, "KILL");
            }
        }
    }

    [Fact]
    public async Task A_taken_port_is_refused_before_anything_starts_naming_the_port_and_its_option()
    {
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
            using var run = StartRunCommand(appPort: port);

            (await ExitCodeAsync(run)).Should().Be(1, string.Join(Environment.NewLine, console));
            console.Should().Contain(line => line.Contains($"Port {port} (--app-port) is already in use", StringComparison.Ordinal));
            RuntimeProcesses.Append("app").Should().OnlyContain(name => !File.Exists(Path.Combine(dataDirectory, "logs", name + ".log")), "nothing was started");
        }
        finally
        {
            taken.Stop();
        }
    }

    // The probes see the replica unhealthy while it compares its components with the others' and while it drains.
    private static bool ExpectedUnhealthy(string[] appLog, int failLine) =>
        appLog[failLine].Contains("HealthChecks.DefaultHealthCheckService", StringComparison.Ordinal)
        && failLine + 1 < appLog.Length
        && ExpectedUnhealthyChecks.Any(check => appLog[failLine + 1].Contains($"Health check {check} with status Unhealthy", StringComparison.Ordinal));

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Starts the run command as a terminal would: the leader of a process group of its own.</summary>
    private Process StartRunCommand(int? appPort = null)
    {
        var ports = FreePorts.Allocate(3);
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            Environment.ProcessPath ?? "dotnet", typeof(LocalDaprEnvironment).Assembly.Location,
            "--app-port", (appPort ?? ports[0]).ToString(CultureInfo.InvariantCulture),
            "--dapr-http-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--dapr-grpc-port", ports[2].ToString(CultureInfo.InvariantCulture),
            "--data", dataDirectory,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            console.Enqueue(line);
        }
    }

    private async Task WaitForLineAsync(Process run, string expected)
    {
        var clock = Stopwatch.StartNew();
        while (!console.Contains(expected))
        {
            run.HasExited.Should().BeFalse($"the run command exited before printing '{expected}'");
            clock.Elapsed.Should().BeLessThan(StartBound, $"the run command should print '{expected}'");
            await Task.Delay(200);
        }
    }

    private static async Task<int> ExitCodeAsync(Process run)
    {
        using var bound = new CancellationTokenSource(StopBound);
        await run.WaitForExitAsync(bound.Token);
        return run.ExitCode;
    }

    /// <summary>What a terminal does on Ctrl+C: a signal to every process of the foreground group.</summary>
    private static void SignalGroup(Process run, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", "-" + run.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
