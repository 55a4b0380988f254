using EntityActors.Domain.Common;

namespace EntityActors.Domain.Tests.Support;

/// <summary>
/// Given a history of events, when a signal arrives, then these events (or this rejection) and this state.
/// The history is folded with the entity's own Apply, so the tests exercise Decide and Apply together.
/// </summary>
internal sealed class Spec<TEntity, TState, TSignal, TEvent>(IReadOnlyList<TEvent> history, EntityContext context)
    where TEntity : IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class
    where TEvent : class
{
    public TState State { get; } = Fold(TEntity.Initial, history);

    public Spec<TEntity, TState, TSignal, TEvent> At(DateTimeOffset now) => new(history, context with { Now = now });

    public Spec<TEntity, TState, TSignal, TEvent> For(string entityId) => new(history, context with { EntityId = entityId });

    public Outcome When(TSignal signal)
    {
        var decision = TEntity.Decide(State, signal, context);
        return new Outcome(State, decision, Fold(State, decision.Events));
    }

    public static TState Fold(TState state, IEnumerable<TEvent> events) => events.Aggregate(state, TEntity.Apply);

    internal sealed class Outcome(TState before, Decision<TEvent> decision, TState after)
    {
        public TState Before { get; } = before;

        public Decision<TEvent> Decision { get; } = decision;

        /// <summary>The state after applying the decided events (the unchanged state when rejected).</summary>
        public TState After { get; } = after;

        public Rejection Rejection => Decision.Rejection ?? throw new InvalidOperationException(
            $"Expected a rejection, but the signal was accepted with {string.Join(", ", Decision.Events)}.");

        public Outcome ThenEmits(params TEvent[] expected)
        {
            Decision.Rejection.Should().BeNull();

            // Types first: two memberless events (or ones that share only a timestamp) are otherwise equivalent.
            Decision.Events.Select(e => e.GetType()).Should().Equal(expected.Select(e => e.GetType()));
            for (var i = 0; i < expected.Length; i++)
            {
                if (expected[i].GetType().GetProperties().Length > 0)
                {
                    Decision.Events[i].Should().BeEquivalentTo(expected[i], "event {0} should carry the expected values", i);
                }
            }

            return this;
        }

        public Outcome ThenState(TState expected)
        {
            After.Should().BeEquivalentTo(expected);
            return this;
        }

        /// <summary>Rejected with exactly this code and kind and no events, so folding leaves the state untouched.</summary>
        public Outcome ThenRejects(string code, RejectionKind kind)
        {
            Decision.Rejection.Should().NotBeNull("the signal should have been rejected");
            Decision.Rejection.Should().BeEquivalentTo(new { Code = code, Kind = kind });
            Decision.Events.Should().BeEmpty();
            return this;
        }
    }
}
