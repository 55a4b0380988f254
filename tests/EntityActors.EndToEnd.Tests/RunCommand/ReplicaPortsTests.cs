using EntityActors.LocalRuntime;

namespace EntityActors.EndToEnd.Tests.RunCommand;

public sealed class ReplicaPortsTests
{
    [Fact]
    public void Further_replicas_take_the_first_replicas_ports_plus_their_number_so_their_urls_stay_the_same_between_runs()
    {
        var first = FreeBase(3);
        var options = new LocalDaprEnvironmentOptions { AppPort = first, DaprHttpPort = first + 10, DaprGrpcPort = first + 20 };

        var ports = ReplicaPorts.Allocate(options, 3);

        ports.Select(replica => (replica.App, replica.DaprHttp, replica.DaprGrpc)).Should().Equal(
            (first, first + 10, first + 20), (first + 1, first + 11, first + 21), (first + 2, first + 12, first + 22));
    }

    [Fact]
    public void A_derived_port_that_is_taken_is_replaced_by_a_free_one()
    {
        var first = FreeBase(3);
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, first + 1);
        taken.Start();
        var options = new LocalDaprEnvironmentOptions { AppPort = first, DaprHttpPort = first + 10, DaprGrpcPort = first + 20 };

        var ports = ReplicaPorts.Allocate(options, 3);

        ports[1].App.Should().NotBe(first + 1);
        ports[2].App.Should().Be(first + 2);
        ports.SelectMany(replica => new[] { replica.App, replica.DaprHttp, replica.DaprGrpc, replica.DaprInternalGrpc, replica.DaprMetrics })
            .Should().OnlyHaveUniqueItems();
    }

    // A base whose neighbours (+0..+22) are free now; the free-port range leaves room between its picks.
    private static int FreeBase(int replicas)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = FreePorts.Allocate(1)[0];
            if (candidate + 22 + replicas < FreePorts.EphemeralRangeStart()
                && Enumerable.Range(0, 23).All(offset => FreePorts.IsFree(candidate + offset)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No run of free ports.");
    }
}
