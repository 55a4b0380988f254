using System.Collections.Immutable;

namespace EntityActors.App.Operations;

/// <summary>An operation's counts as its chunks finish: pure, so the parent workflow only folds results into it.</summary>
/// <param name="FailureRecords">First positions of the slices that stored failure records, ascending: where a reader pages failures from.</param>
public sealed record OperationProgress(int Total, int Done, int Failed, int ChunksTotal, int ChunksFinished, ImmutableList<int> FailureRecords)
{
    public int Pending => Total - Done - Failed;

    public bool Finished => ChunksFinished >= ChunksTotal;

    public static OperationProgress Start(int total, int chunks) => new(total, 0, 0, chunks, 0, []);

    public OperationProgress Add(ChunkResult chunk) =>
        this with
        {
            Done = Done + chunk.Done,
            Failed = Failed + chunk.Failed,
            ChunksFinished = ChunksFinished + 1,
            FailureRecords = chunk.FailureRecords.IsEmpty ? FailureRecords : [.. FailureRecords.Concat(chunk.FailureRecords).Distinct().Order()],
        };

    /// <summary>Folds a chunk's slices into its result; a slice whose activity gave up counts its lines as failed.</summary>
    public static ChunkResult Combine(int chunk, IEnumerable<SliceResult> slices)
    {
        var all = slices.ToList();
        return new ChunkResult(
            chunk,
            all.Sum(slice => slice.Done),
            all.Sum(slice => slice.Failed),
            [.. all.Where(slice => slice.FailureRecord is not null).Select(slice => slice.FailureRecord!.Value).Order()]);
    }
}
