using EntityActors.App.Accounts;
using EntityActors.App.Engine.Contracts;
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
    }

    [Fact]
    public async Task An_erase_batch_ends_the_workflow_so_it_can_be_purged_and_applies_nothing()
    {
        var context = new FakeWorkflowContext(
            Batch(Envelope(2, new Deposit(Eur(10m)))),
            Batch() with { Erase = true });

        var run = new AccountWorkflow().RunAsync(context, Opened());
        var result = await run.WaitAsync(Patience);

        result.Should().BeNull();
        context.ContinuedAsNew.Should().BeNull();
        context.Statuses.Cast<EntityView<AccountState>>().Select(v => v.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Every_episode_publishes_the_new_view_and_runs_no_activity()
    {
        var context = new FakeWorkflowContext(
            Batch(Envelope(2, new Deposit(Eur(10m)), at: Clock.T1)),
            Batch(Envelope(3, new Withdraw(Eur(4m)), at: Clock.T1)));

        _ = new AccountWorkflow().RunAsync(context, Opened());
        await context.Idle.WaitAsync(Patience);

        context.Timeline.Should().Equal("status", "wait:signals", "status", "wait:signals", "status", "wait:signals");
        context.Activities.Should().BeEmpty();
        var views = context.Statuses.Cast<EntityView<AccountState>>().ToList();
        views.Select(v => (v.Sequence, v.Version, v.State.Balance)).Should().Equal((1, 1, 0m), (2, 2, 10m), (3, 3, 6m));
        views[^1].LastChangedAt.Should().Be(Clock.T1, "a change happens when its signal was accepted, not when the workflow applies it");
    }

    [Fact]
    public async Task Signals_decided_alike_at_intake_are_not_divergences()
    {
        var intake = Decided(Opened(), Envelope(2, new Deposit(Eur(10m))), Envelope(3, new Withdraw(Eur(50m))));
        var context = new FakeWorkflowContext(Batch([.. intake]));

        _ = new AccountWorkflow().RunAsync(context, Opened());
        await context.Idle.WaitAsync(Patience);

        var view = context.Statuses.Cast<EntityView<AccountState>>().Last();
        (view.Sequence, view.Version, view.Divergences, view.LastDivergence).Should().Be((3, 2, 0, null));
        context.Logger.Entries.Should().NotContain(e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task A_signal_decided_otherwise_than_at_intake_is_counted_and_logged_and_the_workflows_outcome_stands()
    {
        // At intake the withdrawal was accepted (say, by a rule since changed); the workflow refuses it.
        var withdrawal = Envelope(2, new Withdraw(Eur(50m)));
        var claimed = new SignalOutcome(2, withdrawal.SignalId, "withdraw", withdrawal.IdempotencyKey, true, 2, null, Clock.T0);
        var context = new FakeWorkflowContext(Batch(withdrawal with { Outcome = claimed }));

        _ = new AccountWorkflow().RunAsync(context, Opened(balance: 10m));
        await context.Idle.WaitAsync(Patience);

        var view = context.Statuses.Cast<EntityView<AccountState>>().Last();
        (view.Sequence, view.Version, view.State.Balance).Should().Be((2, 1, 10m));
        view.Divergences.Should().Be(1);
        view.LastDivergence!.AtIntake.Should().Be(claimed);
        view.LastDivergence.InWorkflow.Accepted.Should().BeFalse();
        context.Logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error)
            .Which.Message.Should().Contain("accounts-acct-1").And.Contain("signal 2");
    }

    [Fact]
    public async Task The_workflow_keeps_how_far_the_relay_reported_publishing()
    {
        var context = new FakeWorkflowContext(
            Batch(Envelope(2, new Deposit(Eur(10m))), Envelope(3, new Deposit(Eur(1m)))),
            Batch(Settings(), Envelope(4, new Deposit(Eur(2m)))) with { RelayedThrough = 2 },
            Batch(Settings()) with { RelayedThrough = 4 });

        _ = new AccountWorkflow().RunAsync(context, Opened());
        await context.Idle.WaitAsync(Patience);

        var views = context.Statuses.Cast<EntityView<AccountState>>().ToList();
        views.Select(v => v.RelayedThrough).Should().Equal(0, 0, 2, 4);
        context.Activities.Should().BeEmpty();
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
    public async Task After_the_configured_number_of_signals_it_continues_as_new_with_everything_it_knows()
    {
        var settings = Settings(continueAsNewAfter: 3);
        var input = Opened(settings: settings) with { Generation = 4, HandledThisGeneration = 0 };
        var context = new FakeWorkflowContext(
            Batch(settings, Envelope(2, new Deposit(Eur(10m))), Envelope(3, new Withdraw(Eur(99m)))),
            Batch(settings, Envelope(4, new Deposit(Eur(5m)), at: Clock.T1), Envelope(6, new Deposit(Eur(1m)))),
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
        next.LastChangedAt.Should().Be(Clock.T1);
        Sequences(next.Pending).Should().Equal(6);
        next.Generation.Should().Be(5);
        next.HandledThisGeneration.Should().Be(0);
        next.Settings.Should().Be(settings);
    }

    [Fact]
    public async Task After_the_configured_number_of_batches_it_continues_as_new_however_few_signals_they_carried()
    {
        var settings = Settings(continueAsNewAfter: 1_000) with { ContinueAsNewAfterBatches = 2 };
        var context = new FakeWorkflowContext(
            Batch(settings, Envelope(2, new Deposit(Eur(1m)))),
            Batch(settings, Envelope(3, new Deposit(Eur(1m)))),
            Batch(settings, Envelope(4, new Deposit(Eur(1m)))));

        await new AccountWorkflow().RunAsync(context, Opened(settings: settings)).WaitAsync(Patience);

        context.WaitedFor.Should().HaveCount(2, "a generation holds two raised events, the third is left for the next");
        var next = context.ContinuedAsNew!.InputAs<EntityCheckpoint<AccountState>>();
        (next.Sequence, next.HandledThisGeneration, next.BatchesThisGeneration, next.Generation).Should().Be((3, 0, 0, 1));
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

    /// <summary>The envelopes as the single writer stores them: each with the outcome and events it decided at intake.</summary>
    private static List<SignalEnvelope> Decided(EntityCheckpoint<AccountState> entity, params SignalEnvelope[] envelopes)
    {
        var decided = new List<SignalEnvelope>();
        foreach (var envelope in envelopes)
        {
            (entity, var applied) = EntityLoop<Account, AccountState, AccountSignal, AccountEvent>.Decide(entity, envelope);
            decided.Add(envelope with { Outcome = applied.Outcome, Events = applied.Events });
        }

        return decided;
    }
}
