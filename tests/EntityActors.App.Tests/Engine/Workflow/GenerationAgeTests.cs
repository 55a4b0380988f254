using System.Text.Json;
using Dapr.DurableTask.Protobuf;
using EntityActors.App.Accounts;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Tests.Replay;
using EntityActors.App.Tests.Support;
using EntityActors.App.Versioning;
using EntityActors.Domain.Accounts;
using Google.Protobuf.WellKnownTypes;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Workflow;

/// <summary>
/// An account generation with an age limit, run on histories built here (the recorded ones have no batch arriving with
/// the generation's timer): the timer is set once, before the first wait, and when it fires the generation continues
/// as new without taking a batch that arrived beside it.
/// </summary>
public class GenerationAgeTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);
    private static readonly DateTime Due = (Clock.T0 + MaxAge).UtcDateTime;

    [Fact]
    public Task A_generation_begun_since_the_patch_sets_its_timer_once_before_its_first_wait() => OffTheTestContext(() =>
    {
        var (context, run) = Run(Started());

        context.Apply(Event(Due.AddMinutes(1), e => e.WorkflowStarted = new WorkflowStartedEvent()));
        context.Apply(Raised(Deposits(2, 1)));

        var issued = () => context.EnsureEverythingIssuedWasRecorded("the batch");
        issued.Should().NotThrow("a batch waited for with the generation's timer pending sets no other timer");
        run.IsCompleted.Should().BeFalse();
        context.NextDueTimer()!.FireAt.Should().Be(Due);
    });

    [Fact]
    public Task A_batch_that_arrives_with_the_generations_timer_is_not_taken_by_the_withdrawn_wait_and_carries_over() => OffTheTestContext(() =>
    {
        var (context, _) = Run(Started());

        context.Apply(Event(Due, e => e.WorkflowStarted = new WorkflowStartedEvent()));
        context.Apply(Event(Due, e => e.TimerFired = new TimerFiredEvent { TimerId = 0, FireAt = Timestamp.FromDateTime(Due) }));
        context.Apply(Raised(Deposits(2, 1)));

        var next = Checkpoint(context.ContinuedAsNew);
        (next.Generation, next.Sequence).Should().Be((1, 1), "the generation ended by age, before the batch");
        context.Unconsumed.Should().ContainSingle().Which.Name.Should().Be(EntityEventNames.Signals);
    });

    [Fact]
    public Task A_batch_that_arrives_just_before_the_timer_fires_is_applied_before_the_generation_continues_as_new() => OffTheTestContext(() =>
    {
        var (context, _) = Run(Started());

        context.Apply(Event(Due, e => e.WorkflowStarted = new WorkflowStartedEvent()));
        context.Apply(Raised(Deposits(2, 1)));
        context.Apply(Event(Due, e => e.TimerFired = new TimerFiredEvent { TimerId = 0, FireAt = Timestamp.FromDateTime(Due) }));

        var next = Checkpoint(context.ContinuedAsNew);
        (next.Generation, next.Sequence, next.State.Balance).Should().Be((1, 2, 1m));
        context.Unconsumed.Should().BeEmpty();
    });

    [Fact]
    public Task A_generation_begun_before_the_patch_sets_no_timer() => OffTheTestContext(() =>
    {
        var (context, run) = Run(Started(patched: false));

        context.Apply(Event(Due.AddDays(30), e => e.WorkflowStarted = new WorkflowStartedEvent()));
        context.Apply(Raised(Deposits(2, 1)));

        context.NextDueTimer().Should().BeNull();
        context.ContinuedAsNew.Should().BeNull();
        run.IsCompleted.Should().BeFalse();
    });

    /// <summary>The code resumes inline as events complete its tasks, as on the SDK's worker thread: not on xunit's context.</summary>
    private static Task OffTheTestContext(Action test) => Task.Run(test);

    private static (ReplayWorkflowContext Context, Task<object?> Run) Run(IReadOnlyList<HistoryEvent> start)
    {
        var context = new ReplayWorkflowContext(nameof(AccountWorkflow), Address.InstanceId, start, EntityJson.Options);
        var input = Opened() with { Settings = Settings() with { GenerationMaxAge = MaxAge } };
        var run = ((Dapr.Workflow.IWorkflow)new AccountWorkflow()).RunAsync(context, input);
        foreach (var historyEvent in start)
        {
            context.Apply(historyEvent);
        }

        return (context, run);
    }

    /// <summary>The generation's first episode as the runtime records it: start, then the timer the code set.</summary>
    private static IReadOnlyList<HistoryEvent> Started(bool patched = true)
    {
        var version = new WorkflowVersion();
        if (patched)
        {
            version.Patches.Add(WorkflowPatches.GenerationMaxAge);
        }

        var start = Clock.T0.UtcDateTime;
        List<HistoryEvent> events = [Event(start, e => e.WorkflowStarted = new WorkflowStartedEvent { Version = version })];
        if (patched)
        {
            events.Add(Event(start, e => e.TimerCreated = new TimerCreatedEvent { FireAt = Timestamp.FromDateTime(Due), CreateTimer = new TimerOriginCreateTimer() }));
        }

        return events;
    }

    private static HistoryEvent Raised(params SignalEnvelope[] envelopes) => Event(Due, e => e.EventRaised = new EventRaisedEvent
    {
        Name = EntityEventNames.Signals,
        Input = JsonSerializer.Serialize(Batch(envelopes), EntityJson.Options),
    });

    private static HistoryEvent Event(DateTime at, Action<HistoryEvent> set)
    {
        var historyEvent = new HistoryEvent { EventId = 0, Timestamp = Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc)) };
        set(historyEvent);
        return historyEvent;
    }

    private static EntityCheckpoint<AccountState> Checkpoint(WorkflowAction? continued) =>
        JsonSerializer.Deserialize<EntityCheckpoint<AccountState>>(
            continued?.Input ?? throw new InvalidOperationException("The generation did not continue as new."), EntityJson.Options)!;
}
