using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.Contracts;

/// <summary>What the host knows about one entity kind: its actor, its workflow and the signals it takes.</summary>
public sealed class EntityDescriptor
{
    private EntityDescriptor(string kind, string actorType, string workflowName, Type signalType, IReadOnlyDictionary<string, Type> signals)
    {
        Kind = kind;
        ActorType = actorType;
        WorkflowName = workflowName;
        SignalType = signalType;
        Signals = signals;
    }

    public string Kind { get; }

    public string ActorType { get; }

    public string WorkflowName { get; }

    /// <summary>The signal base type; payloads deserialize through it by their <c>type</c> discriminator.</summary>
    public Type SignalType { get; }

    /// <summary>Signal names as they appear in URLs (kebab case) and their types.</summary>
    public IReadOnlyDictionary<string, Type> Signals { get; }

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
