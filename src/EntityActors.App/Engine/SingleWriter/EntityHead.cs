namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// The single writer's mark of an entity's next free sequence. Where envelopes are written insert-if-absent they are
/// what holds a sequence, and the head is only a lower bound of it, written when it passes a multiple of
/// <see cref="WrittenEvery"/> (an activation finds the rest through the envelopes stored after it); elsewhere it is
/// written with every batch.
/// </summary>
public sealed record EntityHead(long NextSequence, DateTimeOffset CreatedAt)
{
    public const int WrittenEvery = 16;

    /// <summary>Whether moving the next sequence from <paramref name="from"/> to <paramref name="to"/> passes a mark.</summary>
    public static bool PassesMark(long from, long to) => (to - 1) / WrittenEvery != (from - 1) / WrittenEvery;
}
