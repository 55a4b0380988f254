namespace EntityActors.App.Operations;

/// <summary>Lines <see cref="First"/> to <see cref="Last"/> of an operation, both included, 1-based.</summary>
public readonly record struct LineRange(int First, int Last)
{
    public int Count => Last - First + 1;

    public bool Contains(int line) => line >= First && line <= Last;
}
