using EntityActors.Domain.Common;

namespace EntityActors.App.Tests.Support.Probes;

/// <summary>
/// A test-only entity whose rules can be made to throw, which no real entity does on purpose:
/// <see cref="Explode"/> throws in Decide, <see cref="Poison"/> is accepted and then throws in Apply.
/// </summary>
public sealed class Probe : IEntity<ProbeState, ProbeSignal, ProbeEvent>
{
    private Probe()
    {
    }

    public static string Kind => "probes";

    public static ProbeState Initial { get; } = new(0);

    public static Decision<ProbeEvent> Decide(ProbeState state, ProbeSignal signal, EntityContext context) =>
        signal switch
        {
            Bump => Decision<ProbeEvent>.Accept(new Bumped()),
            Explode explode => throw new InvalidOperationException(explode.Message),
            Poison => Decision<ProbeEvent>.Accept(new Poisoned()),
            _ => throw new ArgumentOutOfRangeException(nameof(signal)),
        };

    public static ProbeState Apply(ProbeState state, ProbeEvent @event) =>
        @event switch
        {
            Bumped => state with { Count = state.Count + 1 },
            Poisoned => throw new InvalidOperationException("Apply cannot handle a poisoned event."),
            _ => throw new ArgumentOutOfRangeException(nameof(@event)),
        };
}
