namespace EntityActors.LocalRuntime.DataOwnership;

/// <summary>What a run keeps in its data folder (<c>run.json</c>) while it lives: the runner and every child it started.</summary>
internal sealed record RunRecord
{
    public required RecordedProcess Runner { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public IReadOnlyList<RecordedProcess> Children { get; init; } = [];
}
