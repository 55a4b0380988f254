using System.Diagnostics;
using EntityActors.LocalRuntime.DataOwnership;

namespace EntityActors.EndToEnd.Tests.RunCommand;

public sealed class ProcessIdentityTests
{
    [Fact]
    public void The_start_time_is_read_after_a_command_name_holding_spaces_and_parentheses()
    {
        const string stat = "4242 (we (ird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";

        var parsed = ProcessIdentity.ParseStat(stat);

        parsed.Should().Be(('S', 987654L));
    }

    [Fact]
    public void This_process_has_a_start_time_that_does_not_change()
    {
        var first = ProcessIdentity.StartTimeOf(Environment.ProcessId);

        first.Should().NotBeNull();
        ProcessIdentity.StartTimeOf(Environment.ProcessId).Should().Be(first);
        ProcessIdentity.IsAlive(Environment.ProcessId, first!.Value + 1).Should().BeFalse("another start time is another process under a reused pid");
    }

    [Fact]
    public async Task A_process_that_exited_has_none()
    {
        using var process = Process.Start("true")!;
        await process.WaitForExitAsync();
        var pid = process.Id;
        process.Dispose();

        ProcessIdentity.StartTimeOf(pid).Should().BeNull();
    }
}
