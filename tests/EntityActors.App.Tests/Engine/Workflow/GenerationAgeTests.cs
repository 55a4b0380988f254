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
/// An account generation with an age limit, run on histories built here with the replay context (which, as the SDK,
/// hands an event to a cancelled wait and loses it): no timer marks the age; the generation continues as new right
/// after the first batch it takes once old, with no wait open, so a batch that arrives after that carries over.
/// </summary>
public class GenerationAgeTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);
    private static readonly DateTime Start = Clock.T0.UtcDateTime;
    private static readonly EntityWorkflowSettings Aging = Settings() with { GenerationMaxAge = MaxAge };

    [Fact]
    public Task A_generation_past_its_age_continues_as_new_right_after_the_batch_that_finds_it_old() => OffTheTestContext(() =>
    {
        var (context, _) = Run(Started());

        context.Apply(Episode(Start + MaxAge + TimeSpan.FromMinutes(1)));
        context.Apply(Raised(Start + MaxAge + TimeSpan.FromMinutes(1), Deposits(2, 1)));

        var next = Checkpoint(context.ContinuedAsNew);
        (next.Generation, next.Sequence, next.State.Balance).Should().Be((1, 2, 1m), "the batch is applied, then the generation ends");
        var issued = () => context.EnsureEverythingIssuedWasRecorded("the batch");
        issued.Should().NotThrow("the age needs no timer");
    });

    [Fact]
    public Task A_generation_younger_than_its_age_keeps_waiting_after_a_batch_and_sets_no_timer() => OffTheTestContext(() =>
    {
        var (context, run) = Run(Started());

        context.Apply(Episode(Start + MaxAge - TimeSpan.FromMinutes(1)));
        context.Apply(Raised(Start + MaxAge - TimeSpan.FromMinutes(1), Deposits(2, 1)));

        context.ContinuedAsNew.Should().BeNull();
        run.IsCompleted.Should().BeFalse();
        context.NextDueTimer().Should().BeNull();
        context.WaitingFor.Should().Equal(EntityEventNames.Signals);
    });

    [Fact]
    public Task A_generation_begun_before_the_patch_never_ends_by_age() => OffTheTestContext(() =>
    {
        var (context, run) = Run(Started(patched: false));

        context.Apply(Episode(Start.AddDays(30)));
        context.Apply(Raised(Start.AddDays(30), Deposits(2, 1)));

        context.ContinuedAsNew.Should().BeNull();
        run.IsCompleted.Should().BeFalse();
        context.NextDueTimer().Should().BeNull();
    });

    [Fact]
    public Task A_batch_that_arrives_after_the_generation_ended_in_the_same_episode_is_not_lost_but_carries_over() => OffTheTestContext(() =>
    {
        var (context, _) = Run(Started());

        context.Apply(Episode(Start + MaxAge));
        context.Apply(Raised(Start + MaxAge, Deposits(2, 1)));
        context.Apply(Raised(Start + MaxAge, Deposits(3, 1)));

        var next = Checkpoint(context.ContinuedAsNew);
        (next.Generation, next.Sequence).Should().Be((1, 2), "the generation ended after the first batch");
        context.Swallowed.Should().BeEmpty("no wait was open, let alone a cancelled one");
        context.Unconsumed.Should().ContainSingle().Which.Input.Should().Contain("\"sequence\":3");
    });

    [Fact]
    public Task The_replay_context_like_the_sdk_hands_the_next_event_to_a_cancelled_wait_and_loses_it() => OffTheTestContext(async () =>
    {
        var context = new ReplayWorkflowContext(nameof(AccountWorkflow), Address.InstanceId, [Episode(Start)], EntityJson.Options);
        using var withdraw = new CancellationTokenSource();
        var wait = context.WaitForExternalEventAsync<SignalBatch>(EntityEventNames.Signals, withdraw.Token);
        withdraw.Cancel();

        context.Apply(Raised(Start, Deposits(2, 1)));

        var taken = () => wait;
        await taken.Should().ThrowAsync<TaskCanceledException>();
        context.Swallowed.Should().ContainSingle();
        context.Unconsumed.Should().BeEmpty("the event went to the cancelled wait: nothing would carry over");
    });

    /// <summary>The code resumes inline as events complete its tasks, as on the SDK's worker thread: not on xunit's context.</summary>
    private static Task OffTheTestContext(Action test) => Task.Run(test);

    private static Task OffTheTestContext(Func<Task> test) => Task.Run(test);

    private static (ReplayWorkflowContext Context, Task<object?> Run) Run(IReadOnlyList<HistoryEvent> start)
    {
        var context = new ReplayWorkflowContext(nameof(AccountWorkflow), Address.InstanceId, start, EntityJson.Options);
        var run = ((Dapr.Workflow.IWorkflow)new AccountWorkflow()).RunAsync(context, Opened(settings: Aging));
        foreach (var historyEvent in start)
        {
            context.Apply(historyEvent);
        }

        return (context, run);
    }

    /// <summary>The generation's first episode as the runtime records it: its start, with the patch when in force.</summary>
    private static IReadOnlyList<HistoryEvent> Started(bool patched = true)
    {
        var version = new WorkflowVersion();
        if (patched)
        {
            version.Patches.Add(WorkflowPatches.GenerationMaxAge);
        }

        return [Event(Start, e => e.WorkflowStarted = new WorkflowStartedEvent { Version = version })];
    }

    private static HistoryEvent Episode(DateTime at) => Event(at, e => e.WorkflowStarted = new WorkflowStartedEvent());

    private static HistoryEvent Raised(DateTime at, params SignalEnvelope[] envelopes) => Event(at, e => e.EventRaised = new EventRaisedEvent
    {
        Name = EntityEventNames.Signals,
        Input = JsonSerializer.Serialize(Batch(Aging, envelopes), EntityJson.Options),
    });

    private static HistoryEvent Event(DateTime at, Action<HistoryEvent> set)
    {
        var historyEvent = new HistoryEvent { EventId = 0, Timestamp = Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc)) };
        set(historyEvent);
        return historyEvent;
    }

    private static EntityCheckpoint<AccountState> Checkpoint(Replay.WorkflowAction? continued) =>
        JsonSerializer.Deserialize<EntityCheckpoint<AccountState>>(
            continued?.Input ?? throw new InvalidOperationException("The generation did not continue as new."), EntityJson.Options)!;
}
