using System.Diagnostics;
using System.Net;
using EntityActors.LocalRuntime.DataOwnership;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.RunCommand;

/// <summary>A run owns its data folder: a second run is refused while it lives, and cleans up after it when it was killed.</summary>
[Collection(RunCommandCollection.Name)]
public sealed class RunCommandDataFolderTests(ITestOutputHelper testOutput) : IDisposable
{
    private static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(15);
    private static readonly string[] Processes = ["app", "daprd", "placement", "scheduler"];

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("entityactors-run-").FullName;

    [Fact]
    public async Task A_run_after_a_runner_killed_with_SIGKILL_stops_the_processes_it_left_and_starts_on_the_same_ports()
    {
        await using var killed = RunCommandProcess.Start(dataDirectory, testOutput);
        await killed.WaitForLineAsync(RunCommandProcess.ReadyLine);
        var left = Processes.ToDictionary(name => name, name => killed.ChildPid(name)!.Value);
        var startTimes = left.Values.ToDictionary(pid => pid, pid => ProcessIdentity.StartTimeOf(pid)!.Value);

        killed.SignalRunner("KILL");
        (await killed.ExitCodeAsync()).Should().Be(137);
        ProcessIdentity.IsAlive(left["app"], startTimes[left["app"]]).Should().BeTrue("nothing stops a SIGKILLed runner's children but the next run");

        await using var next = RunCommandProcess.Start(dataDirectory, testOutput, appPort: killed.AppPort);
        try
        {
            await next.WaitForLineAsync(RunCommandProcess.ReadyLine);

            next.Console.Should().Contain(line => line.Contains($"(runner pid {killed.Id}", StringComparison.Ordinal)
                && line.Contains("ended without stopping its processes", StringComparison.Ordinal)
                && line.Contains($"app (pid {left["app"]})", StringComparison.Ordinal));
            startTimes.Should().OnlyContain(child => !ProcessIdentity.IsAlive(child.Key, child.Value), "the next run stopped what the killed one left");
            using var client = new HttpClient { BaseAddress = next.AppBaseAddress };
            (await client.GetAsync(new Uri("readyz", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        catch
        {
            next.DumpConsole();
            throw;
        }
    }

    [Fact]
    public async Task A_second_run_on_a_live_folder_is_refused_at_once_naming_the_live_runner_and_leaves_its_logs_and_processes_alone()
    {
        await using var live = RunCommandProcess.Start(dataDirectory, testOutput);
        await live.WaitForLineAsync(RunCommandProcess.ReadyLine);
        var logs = Path.Combine(dataDirectory, "logs");
        var logsBefore = Directory.EnumerateFiles(logs).ToDictionary(file => Path.GetFileName(file), File.ReadAllText);
        var children = Processes.Select(name => live.ChildPid(name)!.Value)
            .ToDictionary(pid => pid, pid => ProcessIdentity.StartTimeOf(pid));

        var clock = Stopwatch.StartNew();
        await using var second = RunCommandProcess.Start(dataDirectory, testOutput);
        var exitCode = await second.ExitCodeAsync(RefusalBound);
        clock.Stop();

        exitCode.Should().Be(1, string.Join(Environment.NewLine, second.Console));
        testOutput.WriteLine($"refused in {clock.Elapsed.TotalSeconds:0.0} s");
        second.Console.Should().Contain(line => line.Contains($"the runner with pid {live.Id} is alive", StringComparison.Ordinal)
            && line.Contains($"kill {live.Id}", StringComparison.Ordinal));
        Directory.EnumerateFiles(logs).Select(Path.GetFileName).Should().BeEquivalentTo(logsBefore.Keys, "the refused run opened no log of its own");
        foreach (var (name, before) in logsBefore)
        {
            File.ReadAllText(Path.Combine(logs, name)).Should().StartWith(before, $"{name} was not started afresh");
        }

        children.Should().OnlyContain(child => ProcessIdentity.StartTimeOf(child.Key) == child.Value, "the live run's processes run on");
        live.HasExited.Should().BeFalse();
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
