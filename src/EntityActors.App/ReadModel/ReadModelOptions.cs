using System.ComponentModel.DataAnnotations;

namespace EntityActors.App.ReadModel;

/// <summary>The read model behind <c>GET /{kind}</c> (section <c>EntityActors:ReadModel</c>).</summary>
public sealed class ReadModelOptions : IValidatableObject
{
    public const string Section = "EntityActors:ReadModel";

    /// <summary>Which database holds it: <see cref="ReadModelProvider.Sqlite"/> (embedded, the default) or PostgreSQL.</summary>
    public ReadModelProvider Provider { get; set; } = ReadModelProvider.Sqlite;

    /// <summary>The SQLite file (relative to the working directory); the local runtime puts it in its data folder.</summary>
    public string SqlitePath { get; set; } = "readmodel.db";

    /// <summary>An Npgsql connection string; required with <see cref="ReadModelProvider.Postgres"/>. A secret, never in a file here.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// How many statements each PostgreSQL connection that writes keeps prepared on the server (Npgsql's
    /// <c>Max Auto Prepare</c>; 0: none), once used twice: the upsert and its few companions, which the server would
    /// otherwise parse and plan anew for every change. Lists run on a pool of their own and are never prepared: a generic
    /// plan ignores the values asked for (docs/benchmark.md). Set 0 behind a pooler that does not keep prepared statements
    /// (PgBouncer before 1.21 in transaction mode).
    /// </summary>
    [Range(0, 256)]
    public int PostgresPreparedStatements { get; set; } = 32;

    /// <summary>Entities a list answers when the caller names no <c>limit</c>.</summary>
    [Range(1, 1_000)]
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Most entities one list answers.</summary>
    [Range(1, 1_000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// How long a deleted entity's tombstone refuses updates observed before the delete (an event in flight while it
    /// was erased); older tombstones are swept.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan TombstoneRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Workflow instances a rebuild lists per page.</summary>
    [Range(1, 10_000)]
    public int RebuildPageSize { get; set; } = 200;

    /// <summary>Rebuild a database created at start from the entities (see <see cref="ReadModelStartup"/>).</summary>
    public bool RebuildWhenCreated { get; set; } = true;

    /// <summary>How soon a failed first rebuild (the sidecar not up yet) is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RebuildRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == ReadModelProvider.Postgres && string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            yield return new ValidationResult(
                "EntityActors:ReadModel:PostgresConnectionString is required when the provider is Postgres.", [nameof(PostgresConnectionString)]);
        }

        if (Provider == ReadModelProvider.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
        {
            yield return new ValidationResult("EntityActors:ReadModel:SqlitePath is required when the provider is Sqlite.", [nameof(SqlitePath)]);
        }

        if (DefaultPageSize > MaxPageSize)
        {
            yield return new ValidationResult("DefaultPageSize may not exceed MaxPageSize.", [nameof(DefaultPageSize)]);
        }
    }
}
