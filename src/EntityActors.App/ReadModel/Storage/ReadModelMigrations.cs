namespace EntityActors.App.ReadModel.Storage;

/// <summary>
/// The read model's schema, version by version. Append only: a released migration never changes, a change is a new
/// one. Times are Unix milliseconds (<c>BIGINT</c>) and JSON is <c>TEXT</c>, so the same statements run on SQLite and
/// PostgreSQL.
/// </summary>
public static class ReadModelMigrations
{
    public static IReadOnlyList<ReadModelMigration> All { get; } =
    [
        new(1, "entities, tombstones, position", """
            CREATE TABLE entities (
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                status TEXT NOT NULL,
                version BIGINT NOT NULL,
                sequence BIGINT NOT NULL,
                last_changed_at BIGINT NOT NULL,
                position BIGINT NOT NULL,
                balance DOUBLE PRECISION NULL,
                available BIGINT NULL,
                summary TEXT NOT NULL,
                state TEXT NOT NULL,
                PRIMARY KEY (kind, id));
            CREATE INDEX entities_by_change ON entities (kind, last_changed_at DESC, id DESC);
            CREATE INDEX entities_by_status ON entities (kind, status, last_changed_at DESC, id DESC);
            CREATE INDEX entities_by_balance ON entities (kind, balance);
            CREATE INDEX entities_by_available ON entities (kind, available);
            CREATE INDEX entities_by_position ON entities (position);
            CREATE TABLE tombstones (
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                deleted_at BIGINT NOT NULL,
                PRIMARY KEY (kind, id));
            CREATE TABLE read_model_position (
                id INTEGER NOT NULL PRIMARY KEY,
                value BIGINT NOT NULL);
            INSERT INTO read_model_position (id, value) VALUES (1, 0);
            """),
    ];
}
