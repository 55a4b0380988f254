using Dapr.Actors.Runtime;
using EntityActors.App.Engine.Contracts;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Store;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Hosting;
using EntityActors.App.Telemetry;
using EntityActors.Domain.Common;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// Single writer of one entity. A turn deduplicates the submitted signals by idempotency key, gives the new ones
/// sequence numbers, decides them against the entity it holds (the pure rules, each at its own acceptance time),
/// stores keys and decided envelopes in one state transaction, and answers: the caller's acknowledgement means
/// stored and decided. The <see cref="SignalRelay"/> then carries the envelopes to the entity's workflow (the
/// durable holder, which applies them again to the same result) and publishes what they did, outside the turn; a
/// redelivery reminder, registered before the first store of an activation, resumes that should this process die.
/// An activation loads the entity from its workflow's status plus the envelopes stored after it.
/// Signals submitted in this process reach an activation directly (<see cref="ILocalEntityActor"/>) where the store
/// refuses a second writer's envelopes atomically, so a placement change that briefly leaves two activations writing
/// cannot give one sequence number to two signals.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The turn semaphore is never waited on through a wait handle: nothing to dispose.")]
public abstract partial class EntityActor<TEntity, TState, TSignal, TEvent> : Actor, IEntityActor, IRemindable, ILocalEntityActor
    where TEntity : IEntity<TState, TSignal, TEvent>
    where TState : class
    where TSignal : class, ISignal
    where TEvent : class
{
    private readonly DaprWorkflowClient workflows;
    private readonly EntityActorServices services;
    private readonly EntityWorkflowSettings settings;
    private readonly TimeProvider time;
    private readonly SignalRelay relay;
    private readonly InsertIfAbsentProbe insertIfAbsent;
    private readonly TimeSpan routedCallRefresh;

    // The sidecar serializes the calls it routes here; in-process calls take their turn through this too.
    private readonly SemaphoreSlim turn = new(1, 1);
    private bool deactivated;

    // The sidecar deems an actor idle by the calls it routed: in-process intake leaves one to it now and then.
    private DateTimeOffset lastRoutedCall = DateTimeOffset.MinValue;

    // Null until loaded, and again after a failed turn (which may still have committed): the next turn reloads.
    private volatile WriterState<TState>? loaded;
    // What a new entity of this id starts from (InitialStateAsync), as read by the last load.
    private TState initialState = TEntity.Initial;
    private volatile bool reloadRequested;
    // Set by the background registration (see EnsureRedeliveryAsync) as well as by turns.
    private volatile bool redeliveryRegistered;
    private Task? redeliveryRegistration;

    protected EntityActor(ActorHost host, EntityActorServices services)
        : base(host)
    {
        this.services = services;
        workflows = services.Workflows;
        settings = Configure(services.WorkflowSettings);
        time = services.Time;
        relay = services.Relay;
        insertIfAbsent = services.InsertIfAbsent;
        routedCallRefresh = services.ActorIdleTimeout / 2;
    }

    /// <summary>What every entity actor is built from, for a kind's own additions.</summary>
    protected EntityActorServices Services => services;

    /// <summary>Name the entity's workflow is registered under.</summary>
    protected abstract string WorkflowName { get; }

    /// <summary>Lets a kind adjust the workflow settings it sends, e.g. with its idle timeout.</summary>
    protected virtual EntityWorkflowSettings Configure(EntityWorkflowSettings defaults) => defaults;

    private EntityAddress Address => EntityAddress.FromActorId(TEntity.Kind, Id.GetId());

    public async Task<SubmitResponse> SubmitAsync(SubmitRequest request)
    {
        lastRoutedCall = time.GetUtcNow();
        var response = await InTurnAsync(() => SubmitInTurnAsync(request));
        // Names this replica so the caller's next batch comes straight here (PeerWriters) while the writer stays.
        return services.DirectAddress is { } here ? response with { Writer = here } : response;
    }

    public Task<ReadResponse> ReadAsync()
    {
        lastRoutedCall = time.GetUtcNow();
        return InTurnAsync(ReadInTurnAsync);
    }

    public async Task<SubmitResponse?> TrySubmitInProcessAsync(SubmitRequest request)
    {
        if (!services.Intake.InProcessIntake || time.GetUtcNow() - lastRoutedCall > routedCallRefresh || !await insertIfAbsent.IsSupportedAsync())
        {
            return null;
        }

        return await InTurnAsync<SubmitResponse?>(async () => deactivated ? null : await SubmitInTurnAsync(request));
    }

    public async Task<ReadResponse?> TryReadInProcessAsync()
    {
        // Every change is a turn of this activation, which publishes the result before it ends: a loaded view is current,
        // unless this process was out of the running long enough for another activation to write (WriterContinuity).
        if (loaded is { } current && !reloadRequested && services.Continuity.Holds(current.LoadedIn))
        {
            return deactivated ? null : new ReadResponse(current.View);
        }

        return await InTurnAsync<ReadResponse?>(async () => deactivated ? null : await ReadInTurnAsync());
    }

    public void Reload() => reloadRequested = true;

    private async Task<ReadResponse> ReadInTurnAsync() => new((await LoadAsync(Address)).View);

    /// <summary>Runs <paramref name="work"/> as this activation's turn, after any routed or in-process one in progress.</summary>
    private async Task InTurnAsync(Func<Task> work)
    {
        await turn.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<T> InTurnAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        // A statement lambda: as an expression, the assignment would make it a Func<Task<T>> and recurse into this overload.
        await InTurnAsync(async () => { result = await work(); });
        return result;
    }
}
