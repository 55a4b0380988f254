namespace EntityActors.App.Operations;

/// <summary>
/// How an operation's lines are ordered and split into chunks (one child workflow each) and slices (one activity call
/// each). Ranges are positions in the stored order, not line numbers.
/// </summary>
public static class OperationChunks
{
    public static int Count(int lines, int chunkLines) => lines <= 0 ? 0 : ((lines - 1) / chunkLines) + 1;

    /// <summary>The lines of chunk <paramref name="index"/> (0-based).</summary>
    public static LineRange Chunk(int index, int lines, int chunkLines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count(lines, chunkLines));
        var first = (index * chunkLines) + 1;
        return new LineRange(first, Math.Min(lines, first + chunkLines - 1));
    }

    /// <summary>The chunk (0-based) that holds <paramref name="position"/>.</summary>
    public static int ChunkOf(int position, int chunkLines) => (position - 1) / chunkLines;

    /// <summary>
    /// Lines grouped by entity (then by line number): an entity's lines land side by side in one slice where they fit,
    /// so its intake takes them as one batch (one actor turn, one workflow turn) instead of one by one.
    /// </summary>
    public static IReadOnlyList<OperationLine> Arrange(IEnumerable<OperationLine> lines) =>
        [.. lines.OrderBy(line => line.EntityId, StringComparer.Ordinal).ThenBy(line => line.Line)];

    /// <summary>A chunk's lines in slices of at most <paramref name="linesPerSlice"/>, in order.</summary>
    public static IReadOnlyList<LineRange> Slices(LineRange chunk, int linesPerSlice)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerSlice, 1);
        var slices = new List<LineRange>();
        for (var first = chunk.First; first <= chunk.Last; first += linesPerSlice)
        {
            slices.Add(new LineRange(first, Math.Min(chunk.Last, first + linesPerSlice - 1)));
        }

        return slices;
    }

    /// <summary>Splits arranged lines into the chunks their positions fall in, for storing them one record per chunk.</summary>
    public static IEnumerable<(int Index, IReadOnlyList<OperationLine> Lines)> Split(IReadOnlyList<OperationLine> lines, int chunkLines) =>
        lines.Chunk(chunkLines).Select((chunk, index) => (index, (IReadOnlyList<OperationLine>)chunk));
}
