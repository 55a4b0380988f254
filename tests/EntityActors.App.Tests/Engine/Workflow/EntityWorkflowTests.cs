using EntityActors.App.Accounts;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Tests.Support;
using EntityActors.Domain.Accounts;
using Microsoft.Extensions.Logging;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Workflow;

/// <summary>
/// The account workflow driven by a fake context. A run that has consumed every queued batch waits forever,
/// so a test lets it reach that point (<see cref="FakeWorkflowContext.Idle"/>) and asserts on what it did.
/// </summary>
public class EntityWorkflowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_view_is_published_as_custom_status_before_the_first_wait()
    {
        var input = Opened(balance: 40m) with { Generation = 3, Version = 9, Sequence = 12 };
        var context = new FakeWorkflowContext();

        var run = new AccountWorkflow().RunAsync(context, input);
        await context.Idle.WaitAsync(Patience);

        context.Timeline.Should().Equal("status", "wait:signals");
        context.Statuses.Should().ContainSingle().Which.Should().BeEquivalentTo(input.ToView());
        run.IsCompleted.Should().BeFalse("an entity workflow never ends on its own");
    }

    [Fact]
    public async Task Signals_that_came_with_the_input_are_applied_before_the_first_wait()
    {
        var input = EntityCheckpoint<AccountState>.Initial(Account.Kind, Id, Account.Initial, Settings()) with
        {
            Pending = [Envelope(1, new OpenAccount("Ada", "EUR")), Envelope(2, new Deposit(Eur(10m)))],
        };
        var context = new FakeWorkflowContext();

        _ = new AccountWorkflow().RunAsync(context, input);
        await context.Idle.WaitAsync(Patience);

        context.Timeline.Should().Equal("status", "wait:signals");
        var view = context.Statuses.Cast<EntityView<AccountState>>().Single();
        (view.Sequence, view.Version, view.State.Balance).Should().Be((2, 2, 10m));
        view.Outbox.Select(applied => applied.Outcome.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Every_turn_publishes_the_new_view_with_what_it_applied_in_the_outbox_and_runs_no_activity()
    {
        var context = new FakeWorkflowContext(
            Batch(Envelope(2, new Deposit(Eur(10m)))),
            Batch(Envelope(3, new Withdraw(Eur(4m)))));

        _ = new AccountWorkflow().RunAsync(context, Opened());
        await context.Idle.WaitAsync(Patience);

        // One turn per batch: the relay outside the workflow takes outcomes and events from the status.
        context.Timeline.Should().Equal("status", "wait:signals", "status", "wait:signals", "status", "wait:signals");
        context.Activities.Should().BeEmpty();
        var views = context.Statuses.Cast<EntityView<AccountState>>().ToList();
        views.Select(v => (v.Sequence, v.Version, v.State.Balance)).Should().Equal((1, 1, 0m), (2, 2, 10m), (3, 3, 6m));
        views.Select(v => v.Outbox.Select(applied => applied.Outcome.Sequence)).Should().BeEquivalentTo(
            new[] { Array.Empty<long>(), [2L], [2L, 3L] }, options => options.WithStrictOrdering());
        views[^1].RecentOutcomes.Select(o => o.Sequence).Should().Equal(2, 3);
        views[^1].LastChangedAt.Should().Be(Clock.T2, "the workflow's clock is the time of a change");
    }

    [Fact]
    public async Task The_outbox_carries_every_outcome_of_the_turn_with_its_events()
    {
        var context = new FakeWorkflowContext(Batch(
            Envelope(2, new Deposit(Eur(10m))),
            Envelope(3, new Withdraw(Eur(50m))),
            Envelope(4, new Withdraw(Eur(4m)))));

        _ = new AccountWorkflow().RunAsync(context, Opened());
        await context.Idle.WaitAsync(Patience);

        var view = context.Statuses.Cast<EntityView<AccountState>>().Last();
        view.Kind.Should().Be("accounts");
        view.Id.Should().Be(Id);
        view.Outbox.Select(a => (a.Outcome.Sequence, a.Outcome.Accepted, a.Outcome.Version)).Should().Equal((2, true, 2), (3, false, 2), (4, true, 3));
        view.Outbox.Select(a => a.Events.GetArrayLength()).Should().Equal(1, 0, 1);
        view.Outbox[1].Outcome.Rejection!.Code.Should().Be("insufficient-funds");
    }

    [Fact]
    public async Task What_the_sender_reports_relayed_leaves_the_outbox()
    {
        var context = new FakeWorkflowContext(
            Batch(Envelope(2, new Deposit(Eur(10m))), Envelope(3, new Deposit(Eur(1m)))),
            Batch(Settings(), Envelope(4, new Deposit(Eur(2m)))) with { RelayedThrough = 2 },
            Batch(Settings()) with { RelayedThrough = 4 });

        _ = new AccountWorkflow().RunAsync(context, Opened());
        await context.Idle.WaitAsync(Patience);

        var views = context.Statuses.Cast<EntityView<AccountState>>().ToList();
        views.Select(v => v.RelayedThrough).Should().Equal(0, 0, 2, 4);
        views[2].Outbox.Select(a => a.Outcome.Sequence).Should().Equal(3, 4);
        views[3].Outbox.Should().BeEmpty();
        context.Activities.Should().BeEmpty();
    }

    [Fact]
    public async Task An_overflowing_outbox_records_its_oldest_half_through_the_activity_with_the_retries_the_settings_say()
    {
        var settings = Settings(outboxCapacity: 2);
        var context = new FakeWorkflowContext(Batch(settings, Deposits(from: 2, count: 3)));

        _ = new AccountWorkflow().RunAsync(context, Opened(settings: settings));
        await context.Idle.WaitAsync(Patience);

        var call = context.Activities.Should().ContainSingle().Subject;
        call.Name.Should().Be(nameof(RecordOutcomesActivity));
        var batch = call.Input.Should().BeOfType<OutcomeBatch>().Subject;
        (batch.Kind, batch.Id).Should().Be(("accounts", Id));
        batch.Applied.Select(a => a.Outcome.Sequence).Should().Equal(2, 3);
        var view = context.Statuses.Cast<EntityView<AccountState>>().Last();
        view.Outbox.Select(a => a.Outcome.Sequence).Should().Equal(4);
        view.RelayedThrough.Should().Be(3, "what the activity records is not the relay's to send again");
        var policy = call.Options!.RetryPolicy!;
        policy.MaxNumberOfAttempts.Should().Be(7);
        policy.FirstRetryInterval.Should().Be(TimeSpan.FromMilliseconds(250));
        policy.MaxRetryInterval.Should().Be(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task A_batch_that_applies_nothing_publishes_the_view_but_records_nothing()
    {
        var context = new FakeWorkflowContext(
            Batch(Envelope(1, new OpenAccount("Ada", "EUR"))),
            Batch(Envelope(3, new Deposit(Eur(10m)))));

        _ = new AccountWorkflow().RunAsync(context, Opened());
        await context.Idle.WaitAsync(Patience);

        context.Activities.Should().BeEmpty();
        context.Timeline.Should().Equal("status", "wait:signals", "status", "wait:signals", "status", "wait:signals");
        context.Statuses.Cast<EntityView<AccountState>>().Should().OnlyContain(v => v.Sequence == 1 && v.Version == 1);
    }

    [Fact]
    public async Task A_failed_overflow_recording_is_logged_and_the_workflow_goes_on()
    {
        var settings = Settings(outboxCapacity: 1);
        var context = new FakeWorkflowContext(
            Batch(settings, Deposits(from: 2, count: 2)),
            Batch(settings, Deposits(from: 4, count: 2)))
        {
            ActivityFails = call => call == 0,
        };

        var run = new AccountWorkflow().RunAsync(context, Opened(settings: settings));
        await context.Idle.WaitAsync(Patience);

        run.IsFaulted.Should().BeFalse();
        run.IsCompleted.Should().BeFalse("a workflow that ends loses its entity on the next schedule");
        context.Activities.Should().HaveCount(2, "the next overflow is recorded as usual");
        context.Statuses.Cast<EntityView<AccountState>>().Last().Should().Match<EntityView<AccountState>>(v => v.Sequence == 5 && v.State.Balance == 6m);
        context.Logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error)
            .Which.Message.Should().Contain("accounts/acct-1").And.Contain("state store unavailable");
    }

    [Fact]
    public async Task After_the_configured_number_of_signals_it_continues_as_new_with_everything_it_knows()
    {
        var settings = Settings(continueAsNewAfter: 3);
        var input = Opened(settings: settings) with { Generation = 4, HandledThisGeneration = 0 };
        var context = new FakeWorkflowContext(
            Batch(settings, Envelope(2, new Deposit(Eur(10m))), Envelope(3, new Withdraw(Eur(99m)))),
            Batch(settings, Envelope(4, new Deposit(Eur(5m))), Envelope(6, new Deposit(Eur(1m)))),
            Batch(settings, Envelope(5, new Deposit(Eur(100m)))));

        var result = await new AccountWorkflow().RunAsync(context, input).WaitAsync(Patience);

        result.Should().BeNull();
        context.WaitedFor.Should().HaveCount(2, "the third batch is left in the inbox for the next generation");
        context.Timeline[^1].Should().Be("continue-as-new");
        var continued = context.ContinuedAsNew!;
        continued.PreserveUnprocessedEvents.Should().BeTrue("signals raised meanwhile must reach the next generation");
        var next = continued.InputAs<EntityCheckpoint<AccountState>>();
        next.Kind.Should().Be("accounts");
        next.Id.Should().Be(Id);
        next.State.Balance.Should().Be(15m);
        next.Version.Should().Be(3);
        next.Sequence.Should().Be(4);
        next.LastChangedAt.Should().Be(Clock.T2);
        Sequences(next.Pending).Should().Equal(6);
        next.Recent.Select(o => o.Sequence).Should().Equal(2, 3, 4);
        next.Generation.Should().Be(5);
        next.HandledThisGeneration.Should().Be(0);
        next.Settings.Should().Be(settings);
    }

    [Fact]
    public async Task The_next_generation_publishes_its_view_before_its_first_wait_and_picks_up_where_the_last_left_off()
    {
        var settings = Settings(continueAsNewAfter: 2);
        var first = new FakeWorkflowContext(Batch(settings, Deposits(from: 2, count: 2)));
        await new AccountWorkflow().RunAsync(first, Opened(settings: settings)).WaitAsync(Patience);
        var handedOver = first.ContinuedAsNew!.InputAs<EntityCheckpoint<AccountState>>();
        var second = new FakeWorkflowContext(Batch(settings, Envelope(4, new Deposit(Eur(10m)))));

        var run = new AccountWorkflow().RunAsync(second, handedOver);
        await second.Idle.WaitAsync(Patience);

        second.Timeline.Take(2).Should().Equal("status", "wait:signals");
        var published = second.Statuses.Cast<EntityView<AccountState>>().ToList();
        published[0].Should().BeEquivalentTo(handedOver.ToView());
        published[0].Generation.Should().Be(1);
        published[0].State.Balance.Should().Be(3m);
        published[^1].Sequence.Should().Be(4);
        published[^1].State.Balance.Should().Be(13m);
        run.IsCompleted.Should().BeFalse("one of two signals of this generation has been handled");
    }

    [Fact]
    public async Task An_input_that_already_reached_the_threshold_continues_as_new_without_waiting_but_still_publishes_first()
    {
        var input = Opened(settings: Settings(continueAsNewAfter: 2)) with { HandledThisGeneration = 2 };
        var context = new FakeWorkflowContext();

        await new AccountWorkflow().RunAsync(context, input).WaitAsync(Patience);

        context.Timeline.Should().Equal("status", "continue-as-new");
        context.ContinuedAsNew!.InputAs<EntityCheckpoint<AccountState>>().Generation.Should().Be(1);
    }
}
