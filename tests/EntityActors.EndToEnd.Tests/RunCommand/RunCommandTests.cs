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
    private static readonly string[] RuntimeProcesses = ["daprd", "scheduler", "placement"];
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("entityactors-run-").FullName;

    [Fact]
    public async Task It_prints_a_short_summary_keeps_the_runtime_logs_in_files_and_stops_quietly_on_a_terminal_interrupt()
    {
        await using var run = RunCommandProcess.Start(dataDirectory, testOutput);
        try
        {
            await run.WaitForLineAsync(RunCommandProcess.ReadyLine);
            var logs = Path.Combine(dataDirectory, "logs");

            run.Console.Should().NotContain(line => RuntimeProcesses.Any(name => line.StartsWith($"[{name}]", StringComparison.Ordinal)),
                "the runtime's own lines go to files");
            run.Console.Count.Should().BeLessThan(40, "the console shows a summary, not the runtime's logs");
            run.Console.Should().Contain(line => line.Contains(logs, StringComparison.Ordinal), "the summary says where the logs are");
            foreach (var name in RuntimeProcesses.Append("app"))
            {
                new FileInfo(Path.Combine(logs, name + ".log")).Length.Should().BeGreaterThan(0, $"{name} logged at start");
            }

            run.SignalGroup("TERM");
            (await run.ExitCodeAsync()).Should().Be(0);
            run.Console.Should().Contain("Stopped.");
            var appLog = await File.ReadAllLinesAsync(Path.Combine(logs, "app.log"));
            appLog.Should().NotContain(line => line.Contains("Error in receive loop", StringComparison.Ordinal)
                || line.Contains("already registered", StringComparison.Ordinal));
            appLog.Should().NotContain(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("warn:", StringComparison.Ordinal),
                "nothing fails or warns at a start and a stop: the health checks meant to fail then are logged once, as changes, and a stopping replica's sidecar handing its actors over is expected");
        }
        catch
        {
            run.DumpConsole();
            throw;
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
            await using var run = RunCommandProcess.Start(dataDirectory, testOutput, appPort: port);

            (await run.ExitCodeAsync()).Should().Be(1, string.Join(Environment.NewLine, run.Console));
            run.Console.Should().Contain(line => line.Contains($"Port {port} (--app-port) is already in use", StringComparison.Ordinal));
            RuntimeProcesses.Append("app").Should().OnlyContain(name => !File.Exists(Path.Combine(dataDirectory, "logs", name + ".log")), "nothing was started");
        }
        finally
        {
            taken.Stop();
        }
    }

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
}
