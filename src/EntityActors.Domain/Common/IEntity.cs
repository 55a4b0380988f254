namespace EntityActors.Domain.Common;

/// <summary>
/// An entity's rules as pure functions: <see cref="Decide"/> turns a signal into events or a rejection,
/// <see cref="Apply"/> folds an event into the state. Implemented by a static class-like type so a generic
/// workflow can host any entity without knowing its rules.
/// </summary>
public interface IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class
    where TEvent : class
{
    /// <summary>The entity kind as it appears in URLs and topics, e.g. <c>carts</c>.</summary>
    static abstract string Kind { get; }

    static abstract TState Initial { get; }

    static abstract Decision<TEvent> Decide(TState state, TSignal signal, EntityContext context);

    static abstract TState Apply(TState state, TEvent @event);
}
