namespace EntityActors.App.ReadModel.Storage;

/// <summary>When an upsert may replace a stored row.</summary>
/// <param name="RebuildFrom">
/// Null for the consumer: only a higher sequence replaces a row. During a rebuild, the position it started at: a row not
/// written since then is replaced whatever its sequence (so a wrong row is corrected), a newer one only by a higher sequence.
/// </param>
public readonly record struct UpsertMode(long? RebuildFrom)
{
    public static UpsertMode Newer => default;

    public static UpsertMode Rebuild(long startedAt) => new(startedAt);
}
