using System.Diagnostics;
using EntityActors.LocalRuntime;
using EntityActors.LocalRuntime.DataOwnership;

namespace EntityActors.EndToEnd.Tests.RunCommand;

public sealed class DataDirectoryClaimTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("entityactors-claim-").FullName;
    private readonly List<Process> started = [];

    [Fact]
    public void A_second_claim_on_a_held_folder_is_refused_naming_the_live_runner_and_changes_no_file()
    {
        using var first = DataDirectoryClaim.Acquire(directory);
        var before = Snapshot();

        var second = () => DataDirectoryClaim.Acquire(directory);

        second.Should().Throw<DataDirectoryInUseException>()
            .Which.Message.Should().Contain($"pid {Environment.ProcessId} is alive").And.Contain($"kill {Environment.ProcessId}");
        Snapshot().Should().Equal(before);
    }

    [Fact]
    public void A_folder_let_go_is_taken_again_and_its_record_is_gone()
    {
        DataDirectoryClaim.Acquire(directory).Dispose();

        using var again = DataDirectoryClaim.Acquire(directory);

        again.Previous.Should().BeNull("a run that stopped cleanly leaves nothing to stop");
    }

    [Fact]
    public async Task The_record_holds_each_child_while_it_runs()
    {
        using var claim = DataDirectoryClaim.Acquire(directory);
        await using var child = ManagedProcess.Start(new ManagedProcessStartInfo { Name = "sleeper", FileName = "sleep", Arguments = ["300"] });

        Record().Children.Should().Contain(recorded => recorded.Pid == child.Id && recorded.Name == "sleeper");

        child.Kill();
        await child.WaitForExitAsync();
        Record().Children.Should().NotContain(recorded => recorded.Pid == child.Id);
    }

    [Fact]
    public async Task Leftovers_are_stopped_with_SIGTERM_or_SIGKILL_and_a_pid_that_now_belongs_to_another_process_is_left_alone()
    {
        var polite = Start("sleep", "300");
        var stubborn = Start("sh", "-c", "trap '' TERM; exec sleep 300");
        var stranger = Start("sleep", "300");
        await Task.Delay(200);
        var previous = new RunRecord
        {
            Runner = new RecordedProcess { Name = "runner", Pid = 1, StartTime = 0 },
            StartedAt = DateTimeOffset.UtcNow,
            Children =
            [
                Recorded("polite", polite, ProcessIdentity.StartTimeOf(polite.Id)!.Value),
                Recorded("stubborn", stubborn, ProcessIdentity.StartTimeOf(stubborn.Id)!.Value),
                Recorded("reused", stranger, ProcessIdentity.StartTimeOf(stranger.Id)!.Value - 1),
            ],
        };
        var said = new List<string>();

        var found = await LeftoverProcesses.StopAsync(previous, TimeSpan.FromSeconds(1), said.Add, CancellationToken.None);

        found.Select(child => child.Name).Should().BeEquivalentTo("polite", "stubborn");
        ProcessIdentity.StartTimeOf(polite.Id).Should().BeNull();
        ProcessIdentity.StartTimeOf(stubborn.Id).Should().BeNull();
        stranger.HasExited.Should().BeFalse();
        said.Should().Contain(line => line.Contains($"polite (pid {polite.Id})", StringComparison.Ordinal))
            .And.Contain(line => line.Contains($"stubborn (pid {stubborn.Id}) killed after 1 s", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var process in started)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }

        Directory.Delete(directory, recursive: true);
    }

    private Process Start(string program, params string[] arguments)
    {
        var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        started.Add(process);
        return process;
    }

    private static RecordedProcess Recorded(string name, Process process, long startTime) =>
        new() { Name = name, Pid = process.Id, StartTime = startTime };

    private RunRecord Record() => DataDirectoryClaim.ReadRecord(directory) ?? throw new InvalidOperationException("No record.");

    // The lock file cannot be read while it is held (its readers take a shared flock): its size and time stand in.
    private List<(string Name, string Content)> Snapshot() =>
        Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)
            .Select(file => (Path.GetFileName(file), Path.GetFileName(file) == DataDirectoryClaim.LockFileName
                ? $"{new FileInfo(file).Length} {File.GetLastWriteTimeUtc(file):O}"
                : File.ReadAllText(file)))
            .ToList();
}
