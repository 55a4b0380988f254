using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>What an activation of an entity's single writer holds between its turns.</summary>
/// <param name="Entity">The entity as decided through its last stored signal.</param>
/// <param name="View">The same as queries see it; null while the entity has never taken a signal.</param>
/// <param name="Head">The head as stored (its next sequence is a lower bound where envelopes hold sequences).</param>
/// <param name="HeadETag">
/// The stored head's ETag, which the activation's first write checks (two activations can only meet while placement
/// moves the entity); null once that write is done, or when there was no head to check.
/// </param>
/// <param name="WorkflowMissing">The entity's workflow did not exist at load: the next stored signals start it.</param>
/// <param name="WorkflowApplied">The workflow's sequence at load.</param>
/// <param name="WorkflowRelayed">How far the workflow knew the relay to have published at load.</param>
/// <param name="Handover">Decided envelopes not yet handed to the relay (stored before this activation, found at load).</param>
public sealed record WriterState<TState>(
    EntityCheckpoint<TState> Entity,
    EntityView<JsonElement>? View,
    EntityHead Head,
    string? HeadETag,
    bool WorkflowMissing,
    long WorkflowApplied,
    long WorkflowRelayed,
    IReadOnlyList<SignalEnvelope> Handover)
{
    /// <summary>The <see cref="WriterContinuity.Epoch"/> this was loaded in: past it, the activation loads the entity again.</summary>
    public long LoadedIn { get; init; }

    /// <summary>The highest sequence stored.</summary>
    public long AcceptedThrough => Entity.Sequence;

    /// <summary>The view of <paramref name="entity"/>, with its state as JSON.</summary>
    public static EntityView<JsonElement> ViewOf(EntityCheckpoint<TState> entity) =>
        entity.ToView().WithState(JsonSerializer.SerializeToElement(entity.State, EntityJson.Options));
}
