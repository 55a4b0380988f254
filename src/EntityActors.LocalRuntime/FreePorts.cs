using System.Net;
using System.Net.Sockets;

namespace EntityActors.LocalRuntime;

/// <summary>Picks loopback TCP ports that nothing listens on, so several environments can run side by side.</summary>
public static class FreePorts
{
    /// <summary>
    /// Returns <paramref name="count"/> distinct ports that were free on 127.0.0.1. All listeners stay open until
    /// every port is chosen, so the operating system cannot hand out the same port twice; they are closed before
    /// returning, which leaves a short window in which another process could take one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static IReadOnlyList<int> Allocate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
