using System.Collections.Concurrent;
using System.Data;
using Npgsql;

namespace EntityActors.App.Engine.Store;

/// <summary>
/// Open connections to PostgreSQL handed out most recently used first, and kept open between uses. Npgsql's own pool
/// hands its idle connections out first in, first out, so a process with a few statements in flight cycles through every
/// connection it ever opened: each is a server process woken cold, and each reuse is preceded by a session reset
/// (<c>DISCARD ALL</c>). Kept here, a quiet replica writes through one or two warm server processes, however many it
/// once needed. A connection that comes back broken takes the idle ones with it (they most likely lost the same server).
/// At most <c>limit</c> connections are open or being opened at once, so a caller that finds none idle
/// always gets a new one from the data source instead of waiting for one that sits idle here.
/// </summary>
internal sealed class RecentFirstConnections : IDisposable
{
    private readonly NpgsqlDataSource source;
    private readonly SemaphoreSlim permits;
    private readonly int limit;
    private readonly TimeSpan waitLimit;
    private readonly ConcurrentStack<NpgsqlConnection> idle = new();

    /// <param name="waitLimit">How long a caller waits while all <paramref name="limit"/> are in use (Npgsql's pool: its <c>Timeout</c>).</param>
    public RecentFirstConnections(NpgsqlDataSource source, int limit, TimeSpan waitLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        this.source = source;
        this.limit = limit;
        this.waitLimit = waitLimit;
        permits = new SemaphoreSlim(limit, limit);
    }

    /// <summary>An open connection, the most recently returned one where one is idle; dispose the lease to return it.</summary>
    /// <exception cref="TimeoutException">All connections stayed in use for the wait limit.</exception>
    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        if (!await permits.WaitAsync(waitLimit, cancellationToken))
        {
            throw new TimeoutException($"All {limit} of this process's PostgreSQL connections stayed in use for {waitLimit.TotalSeconds:0} s.");
        }

        try
        {
            while (idle.TryPop(out var connection))
            {
                if (connection.FullState == ConnectionState.Open)
                {
                    return new Lease(this, connection);
                }

                await connection.DisposeAsync();
            }

            return new Lease(this, await source.OpenConnectionAsync(cancellationToken));
        }
        catch
        {
            permits.Release();
            throw;
        }
    }

    public void Dispose()
    {
        DropIdle();
        permits.Dispose();
    }

    private void Return(NpgsqlConnection connection)
    {
        if (connection.FullState == ConnectionState.Open)
        {
            idle.Push(connection);
        }
        else
        {
            // It broke (the server restarted, a network error): the idle ones most likely went with it, so none is kept
            // for a next caller to find broken in turn.
            connection.Dispose();
            DropIdle();
            source.Clear();
        }

        permits.Release();
    }

    private void DropIdle()
    {
        while (idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
    }

    public readonly struct Lease(RecentFirstConnections owner, NpgsqlConnection connection) : IDisposable
    {
        public NpgsqlConnection Connection => connection;

        public void Dispose() => owner.Return(connection);
    }
}
