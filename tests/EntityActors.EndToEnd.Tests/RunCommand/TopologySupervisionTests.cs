using System.Collections.Concurrent;
using System.Diagnostics;
using EntityActors.LocalRuntime;
using EntityActors.LocalRuntime.Supervision;

namespace EntityActors.EndToEnd.Tests.RunCommand;

/// <summary>With restarts on, the control plane is started again too, as the cluster restarts its pods.</summary>
[Collection(RunCommandCollection.Name)]
public sealed class TopologySupervisionTests
{
    private static readonly TimeSpan BackBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Placement_killed_is_started_again_on_its_own_and_said_so()
    {
        var said = new ConcurrentQueue<string>();
        await using var topology = new LocalTopology(new LocalDaprEnvironmentOptions
        {
            RunApp = false,
            Restarts = new ProcessRestartOptions(),
            Announce = said.Enqueue,
        });
        await topology.StartAsync();
        var killed = topology.ControlPlane.PlacementProcessId;

        await topology.ControlPlane.KillPlacementAsync();

        var clock = Stopwatch.StartNew();
        while (topology.ControlPlane.PlacementProcessId is not { } restarted || restarted == killed)
        {
            clock.Elapsed.Should().BeLessThan(BackBound, "placement should be started again");
            await Task.Delay(100);
        }

        said.Should().Contain(line => line.StartsWith("placement exited with 137", StringComparison.Ordinal) && line.EndsWith("starting it again in 1 s", StringComparison.Ordinal));
        topology.Replicas[0].SidecarProcessId.Should().NotBeNull("the sidecar ran on");
    }

    [Fact]
    public async Task Without_restarts_an_exited_process_stays_down()
    {
        await using var topology = new LocalTopology(new LocalDaprEnvironmentOptions { RunApp = false });
        await topology.StartAsync();

        await topology.ControlPlane.KillPlacementAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        topology.ControlPlane.PlacementProcessId.Should().BeNull("the tests that kill processes restart them themselves");
    }
}
