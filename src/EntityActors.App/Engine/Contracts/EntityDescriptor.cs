using System.Collections.Frozen;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Contracts;

/// <summary>What the host knows about one entity kind: its actor, its workflow and the signals it takes.</summary>
public sealed class EntityDescriptor
{
    private EntityDescriptor(string kind, string actorType, string workflowName, Type signalType, IReadOnlyDictionary<string, Type> allSignals)
    {
        Kind = kind;
        ActorType = actorType;
        WorkflowName = workflowName;
        SignalType = signalType;
        AllSignals = allSignals;
        Signals = allSignals.Where(signal => !signal.Value.IsAssignableTo(typeof(ISystemSignal))).ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string Kind { get; }

    public string ActorType { get; }

    public string WorkflowName { get; }

    /// <summary>The signal base type; payloads deserialize through it by their <c>type</c> discriminator.</summary>
    public Type SignalType { get; }

    /// <summary>The signals clients may send: names as they appear in URLs (kebab case) and their types.</summary>
    public IReadOnlyDictionary<string, Type> Signals { get; }

    /// <summary><see cref="Signals"/> and the <see cref="ISystemSignal"/>s only the system's own workflows send.</summary>
    public IReadOnlyDictionary<string, Type> AllSignals { get; }

    public static EntityDescriptor For<TEntity, TState, TSignal, TEvent, TActor, TWorkflow>()
        where TEntity : IEntity<TState, TSignal, TEvent>
        where TState : class
        where TSignal : class, ISignal
        where TEvent : class
    {
        return new EntityDescriptor(
            TEntity.Kind, typeof(TActor).Name, typeof(TWorkflow).Name, typeof(TSignal), JsonDerivedTypes.ByDiscriminator<TSignal>());
    }
}
