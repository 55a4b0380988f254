using System.Net;
using System.Net.Sockets;
using EntityActors.LocalRuntime;

namespace EntityActors.EndToEnd.Tests;

public sealed class FreePortsTests
{
    [Fact]
    public void Ports_are_distinct_bindable_and_below_the_range_outgoing_connections_take_theirs_from()
    {
        var ephemeral = FreePorts.EphemeralRangeStart();
        ephemeral.Should().BeGreaterThan(10_000, "this machine's kernel reports where its ephemeral ports start");

        var ports = FreePorts.Allocate(40);

        ports.Should().HaveCount(40).And.OnlyHaveUniqueItems();
        ports.Should().OnlyContain(port => port >= 10_000 && port < ephemeral);
        ports.Should().NotContain([3500, 50001, 50005, 2379, 2380, 8201]);
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public void A_port_handed_out_once_is_not_handed_out_again_though_nothing_bound_it()
    {
        // Hundreds of allocations that nobody binds, as when a server is slow to start: at random over ~20,000 ports
        // two of them would meet many times over, unless the process remembers what it handed out.
        var ports = Enumerable.Range(0, 150).SelectMany(_ => FreePorts.Allocate(20)).ToList();

        ports.Should().HaveCount(3_000).And.OnlyHaveUniqueItems();
    }
}
