namespace EntityActors.App.Operations;

/// <summary>
/// Positions <see cref="First"/> to <see cref="Last"/> (both included, 1-based) of an operation's lines in the order
/// they are stored: grouped by entity (<see cref="OperationChunks.Arrange"/>), so not the request's line numbers.
/// </summary>
public readonly record struct LineRange(int First, int Last)
{
    public int Count => Last - First + 1;

    public bool Contains(int position) => position >= First && position <= Last;
}
