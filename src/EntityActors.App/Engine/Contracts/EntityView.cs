namespace EntityActors.App.Engine.Contracts;

/// <summary>
/// An entity as queries see it: from its single writer (everything acknowledged) or, when the writer cannot be
/// reached, from the custom status its workflow publishes after every episode.
/// </summary>
/// <param name="Version">Number of signals the rules accepted (each one changes the state).</param>
/// <param name="Sequence">Sequence of the last signal handled, accepted or rejected.</param>
/// <param name="RelayedThrough">Highest sequence whose events the relay reported published (workflow side).</param>
/// <param name="Divergences">How many signals the workflow decided otherwise than the writer (see <see cref="SignalDivergence"/>).</param>
public sealed record EntityView<TState>(
    string Kind,
    string Id,
    long Version,
    long Sequence,
    TState State,
    DateTimeOffset? LastChangedAt,
    long Generation = 0,
    long RelayedThrough = 0,
    long Divergences = 0,
    SignalDivergence? LastDivergence = null)
{
    /// <summary>The same view with its state in another shape (e.g. read as JSON, returned as the entity's state type).</summary>
    public EntityView<TOther> WithState<TOther>(TOther state) =>
        new(Kind, Id, Version, Sequence, state, LastChangedAt, Generation, RelayedThrough, Divergences, LastDivergence);
}
