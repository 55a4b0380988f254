namespace EntityActors.App.Engine.Options;

/// <summary>How the app reaches its own records (section <c>EntityActors:EntityStore</c>).</summary>
public sealed class EntityStoreOptions
{
    public const string Section = "EntityActors:EntityStore";

    /// <summary>
    /// The SQLite file of the sidecar's entity store component (<c>state.sqlite</c>, the embedded default), which the app
    /// then reads and writes itself, in the component's own table: one native transaction instead of a call to the
    /// sidecar, whose pure-Go SQLite prepares every insert-if-absent anew (docs/benchmark.md). Unset (any other store,
    /// several replicas): every record goes through the sidecar. The local runtime sets it from components/local.
    /// </summary>
    public string? SqlitePath { get; set; }

    /// <summary>
    /// The connection string of the sidecar's <c>state.postgresql</c> (v2) entity store component (libpq key/value pairs
    /// or a <c>postgres://</c> URL, as the component takes it, or Npgsql's form), whose table (<see cref="PostgresTable"/>)
    /// the app then reads and writes itself: one batch to the server per transaction instead of a call to the sidecar.
    /// A secret: the production overlay takes it from the component's own Secret. Unset: through the sidecar.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// Most connections this process opens to that server (<see cref="PostgresConcurrentTransactions"/> group commits at
    /// a time; reads share the rest). Every replica's and every sidecar's connections count against the server's
    /// <c>max_connections</c>.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public int PostgresMaxConnections { get; set; } = 8;

    /// <summary>
    /// How many group commits this process runs on that server at once. Different entities' records are different rows,
    /// so their transactions need not queue behind one another; each still takes whatever writes arrived while all were
    /// in flight. Kept below <see cref="PostgresMaxConnections"/> so reads always find a connection.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 16)]
    public int PostgresConcurrentTransactions { get; set; } = 4;

    /// <summary>
    /// How many statements each connection keeps prepared on the server (Npgsql's <c>Max Auto Prepare</c>; 0: none), once
    /// used twice. The engine sends a handful of statement shapes, so without it the server parses and plans every
    /// statement of every write anew: most of its CPU per signal (docs/benchmark.md).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 256)]
    public int PostgresPreparedStatements { get; set; } = 32;

    /// <summary>That component's state table: its <c>tablePrefix</c> followed by <c>state</c>.</summary>
    public string PostgresTable { get; set; } = "entity_state";

    /// <summary>The app id the sidecar prefixes its keys with (its default <c>keyPrefix</c>): <c>{AppId}||{key}</c>.</summary>
    public string AppId { get; set; } = "entityactors";
}
