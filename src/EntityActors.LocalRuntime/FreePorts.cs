using System.Net;
using System.Net.Sockets;

namespace EntityActors.LocalRuntime;

/// <summary>Picks loopback TCP ports that nothing listens on, so several environments can run side by side.</summary>
public static class FreePorts
{
    // Below this, ports are often taken by well-known services; above it (on Linux) starts the ephemeral range.
    private const int Lowest = 10_000;

    // Defaults the Dapr binaries and their tools fall back on silently: never hand these out.
    private static readonly HashSet<int> Reserved = [3500, 50001, 50002, 50005, 50006, 9090, 9091, 2379, 2380, 8201, 8080];

    // Every port handed out by this process: a port chosen for a server that has not bound it yet (a scheduler's etcd
    // still starting) is free again for the next allocation, and once two servers got the same port one failed to start.
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// Returns <paramref name="count"/> distinct ports that were free on 127.0.0.1, chosen below the operating
    /// system's ephemeral range: a port from that range can be taken as the local end of any outgoing
    /// connection (a sidecar dialling placement, say) between the moment it is chosen and the moment its server
    /// binds it, which made starts fail now and then with "address already in use". All listeners stay open until
    /// every port is chosen, so no port comes back twice; they close before returning. A port is handed out once per
    /// process while the range lasts.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static IReadOnlyList<int> Allocate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var listeners = new List<TcpListener>(count);
        using var scope = Gate.EnterScope();
        try
        {
            var (low, high) = Range();
            var span = high - low + 1;
            var start = Random.Shared.Next(span);
            for (var i = 0; i < span && listeners.Count < count; i++)
            {
                var port = low + ((start + i) % span);
                if (!Reserved.Contains(port) && !HandedOut.Contains(port) && TryListen(port) is { } listener)
                {
                    listeners.Add(listener);
                }
            }

            while (listeners.Count < count)
            {
                // No room below the ephemeral range: take what the operating system offers.
                listeners.Add(TryListen(0) ?? throw new InvalidOperationException("No free loopback port."));
            }

            var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
            HandedOut.UnionWith(ports);
            return ports;
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>The ports to choose from: from <see cref="Lowest"/> up to just below the ephemeral range.</summary>
    private static (int Low, int High) Range()
    {
        var ephemeralLow = EphemeralRangeStart();
        return (Lowest, Math.Max(Lowest, ephemeralLow - 1));
    }

    /// <summary>Where outgoing connections take their local ports from: Linux says so in procfs; elsewhere the IANA range.</summary>
    public static int EphemeralRangeStart()
    {
        const string linux = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (File.Exists(linux)
                && File.ReadAllText(linux).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var low, ..]
                && int.TryParse(low, out var start))
            {
                return start;
            }
        }
        catch (IOException)
        {
            // Unreadable: assume the IANA range.
        }

        return 49_152;
    }

    /// <summary>Whether nothing listens on <paramref name="port"/> of 127.0.0.1 now.</summary>
    public static bool IsFree(int port)
    {
        using var listener = TryListen(port);
        listener?.Stop();
        return listener is not null;
    }

    private static TcpListener? TryListen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }
}
