using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Tests.Support;
using EntityActors.Domain.Accounts;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.SingleWriter;

public class IntakeLedgerTests
{
    private static readonly Dictionary<string, IdempotencyRecord> NoneKnown = [];

    [Fact]
    public void New_signals_get_the_next_sequences_and_are_decided_in_order_at_their_acceptance_time()
    {
        var plan = Plan(Opened(balance: 0m), NoneKnown, Submit("d-1", new Deposit(Eur(10m))), Submit("w-1", new Withdraw(Eur(4m))));

        plan.Fresh.Select(envelope => (envelope.Sequence, envelope.SignalId, envelope.IdempotencyKey, envelope.AcceptedAt))
            .Should().Equal((2, "accounts-acct-1:2", "d-1", Clock.T1), (3, "accounts-acct-1:3", "w-1", Clock.T1));
        plan.Fresh.Select(envelope => (envelope.Outcome!.Accepted, envelope.Outcome.Version)).Should().Equal((true, 2), (true, 3));
        plan.Fresh.Should().OnlyContain(envelope => envelope.Events!.Value.GetArrayLength() == 1);
        plan.Receipts.Select(receipt => (receipt.Sequence, receipt.Duplicate, receipt.Outcome!.Version)).Should().Equal((2, false, 2), (3, false, 3));
        (plan.Entity.Sequence, plan.Entity.Version, plan.Entity.State.Balance, plan.Entity.LastChangedAt).Should().Be((3, 3, 6m, Clock.T1));
        plan.NewKeys.Keys.Should().BeEquivalentTo("d-1", "w-1");
    }

    [Fact]
    public void A_rule_violation_is_a_decided_rejection_that_takes_a_sequence_but_changes_nothing()
    {
        var entity = Opened(balance: 5m);

        var plan = Plan(entity, NoneKnown, Submit("w-1", new Withdraw(Eur(50m))));

        var outcome = plan.Receipts.Single().Outcome!;
        (outcome.Accepted, outcome.Version, outcome.Rejection!.Code).Should().Be((false, 1, "insufficient-funds"));
        plan.Fresh.Single().Events!.Value.GetArrayLength().Should().Be(0);
        (plan.Entity.Sequence, plan.Entity.Version, plan.Entity.State).Should().Be((2, 1, entity.State));
    }

    [Fact]
    public void A_stored_key_is_answered_with_its_original_receipt_and_outcome_and_takes_nothing()
    {
        var original = new IdempotencyRecord("accounts-acct-1:1", 1, "deposit", Hash(new Deposit(Eur(10m))), Clock.T0, Outcome(1, accepted: true, version: 1));

        var plan = Plan(Opened(), new() { ["d-1"] = original }, Submit("d-1", new Deposit(Eur(10m))));

        plan.Fresh.Should().BeEmpty();
        plan.NewKeys.Should().BeEmpty();
        var receipt = plan.Receipts.Single();
        (receipt.Duplicate, receipt.KeyReused, receipt.Sequence, receipt.AcceptedAt, receipt.Outcome).Should().Be((true, false, 1, Clock.T0, original.Outcome));
    }

    [Fact]
    public void A_former_key_stored_for_the_same_signal_and_body_answers_it_as_a_repeat_and_one_for_another_does_not()
    {
        var deposit = new Deposit(Eur(10m));
        var original = new IdempotencyRecord("accounts-acct-1:1", 1, "deposit", Hash(deposit), Clock.T0, Outcome(1, accepted: true, version: 1));
        var redelivered = Submit("ce:src:a", deposit) with { FormerKey = "ce:1" };
        var otherSource = Submit("ce:src:b", new Deposit(Eur(7m))) with { FormerKey = "ce:1" };

        var plan = Plan(Opened(), new() { ["ce:1"] = original }, redelivered, otherSource);

        plan.Receipts.Select(receipt => (receipt.Duplicate, receipt.KeyReused, receipt.Sequence))
            .Should().Equal((true, false, 1), (false, false, 2));
        plan.Fresh.Single().IdempotencyKey.Should().Be("ce:src:b", "another message once given the same id is a signal of its own");
        plan.NewKeys.Keys.Should().Equal("ce:src:b");
    }

    [Fact]
    public void A_stored_key_reused_for_another_body_or_signal_is_flagged_and_takes_nothing()
    {
        var original = new IdempotencyRecord("accounts-acct-1:1", 1, "deposit", Hash(new Deposit(Eur(10m))), Clock.T0);

        var plan = Plan(Opened(), new() { ["k"] = original }, Submit("k", new Deposit(Eur(11m))), Submit("k", new Withdraw(Eur(10m))));

        plan.Fresh.Should().BeEmpty();
        plan.Receipts.Should().OnlyContain(receipt => receipt.Duplicate && receipt.KeyReused && receipt.Sequence == 1);
        plan.Receipts.Select(receipt => KeyReuse.Describe(receipt, "withdraw")).Last()
            .Should().Contain("another signal: 'deposit' #1, not 'withdraw'", "the receipt names the signal the key was first used for");
    }

    [Fact]
    public void A_key_repeated_within_one_batch_is_one_signal_and_its_repeat_a_duplicate_of_it()
    {
        var plan = Plan(Opened(), NoneKnown, Submit("d-1", new Deposit(Eur(10m))), Submit("d-1", new Deposit(Eur(10m))), Submit("d-2", new Deposit(Eur(1m))));

        plan.Fresh.Select(envelope => envelope.Sequence).Should().Equal(2, 3);
        plan.Receipts.Select(receipt => (receipt.Sequence, receipt.Duplicate)).Should().Equal((2, false), (2, true), (3, false));
        plan.Receipts[1].Outcome.Should().Be(plan.Receipts[0].Outcome);
        plan.Entity.State.Balance.Should().Be(11m);
    }

    [Fact]
    public void A_signal_that_must_find_its_entity_is_refused_with_nothing_stored_when_the_entity_never_took_a_signal()
    {
        var absent = EntityCheckpoint<AccountState>.Initial(Account.Kind, Id, Account.Initial, Settings());

        var plan = Plan(absent, NoneKnown, Submit("line-1", new Deposit(Eur(10m))) with { MustExist = true });

        plan.Fresh.Should().BeEmpty();
        plan.NewKeys.Should().BeEmpty("a key stored would make the entity exist again");
        var receipt = plan.Receipts.Single();
        (receipt.Sequence, receipt.Duplicate, receipt.Outcome!.Accepted, receipt.Outcome.Rejection!.Code).Should().Be((0, false, false, "entity-not-found"));
        plan.Entity.Should().Be(absent);
    }

    [Fact]
    public void A_signal_that_must_find_its_entity_is_taken_as_any_other_when_it_exists_or_an_earlier_signal_of_its_batch_made_it()
    {
        var onExisting = Plan(Opened(), NoneKnown, Submit("line-1", new Deposit(Eur(10m))) with { MustExist = true });
        var afterOpen = Plan(
            EntityCheckpoint<AccountState>.Initial(Account.Kind, Id, Account.Initial, Settings()),
            NoneKnown,
            Submit("open", new OpenAccount("Ada", "EUR")),
            Submit("line-1", new Deposit(Eur(10m))) with { MustExist = true });

        onExisting.Receipts.Single().Outcome!.Accepted.Should().BeTrue();
        afterOpen.Fresh.Select(envelope => envelope.Sequence).Should().Equal(1, 2);
        afterOpen.Entity.State.Balance.Should().Be(10m);
    }

    [Fact]
    public void The_writer_and_the_workflow_reach_the_same_entity_from_the_same_envelopes()
    {
        var entity = Opened(balance: 20m);
        var plan = Plan(entity, NoneKnown, Submit("a", new Withdraw(Eur(15m))), Submit("b", new Withdraw(Eur(15m))), Submit("c", new Deposit(Eur(3m))));

        var absorbed = Absorb(entity, Batch([.. plan.Fresh]));

        absorbed.Divergences.Should().BeEmpty();
        absorbed.Checkpoint.ToView().Should().BeEquivalentTo(plan.Entity.ToView(), options => options.Excluding(view => view.Generation));
        absorbed.Applied.Select(applied => applied.Outcome).Should().Equal(plan.Fresh.Select(envelope => envelope.Outcome!));
    }

    [Fact]
    public void Replaying_stored_envelopes_rebuilds_the_entity_and_reports_those_decided_otherwise_now()
    {
        var entity = Opened(balance: 0m);
        var plan = Plan(entity, NoneKnown, Submit("a", new Deposit(Eur(10m))), Submit("b", new Withdraw(Eur(4m))));
        var tampered = plan.Fresh[1] with { Outcome = plan.Fresh[1].Outcome! with { Accepted = false, Version = 2 } };

        var (rebuilt, divergences) = IntakeLedger<Account, AccountState, AccountSignal, AccountEvent>.Replay(entity, [plan.Fresh[0], tampered]);

        rebuilt.Should().Be(plan.Entity);
        divergences.Should().ContainSingle().Which.Sequence.Should().Be(3);
    }

    [Fact]
    public void Replaying_skips_envelopes_the_entity_already_holds()
    {
        var plan = Plan(Opened(), NoneKnown, Submit("a", new Deposit(Eur(10m))));

        var (rebuilt, divergences) = IntakeLedger<Account, AccountState, AccountSignal, AccountEvent>.Replay(plan.Entity, plan.Fresh);

        rebuilt.Should().Be(plan.Entity);
        divergences.Should().BeEmpty();
    }

    private static IntakePlan<AccountState> Plan(
        EntityCheckpoint<AccountState> entity, Dictionary<string, IdempotencyRecord> known, params SignalSubmission[] submissions) =>
        IntakeLedger<Account, AccountState, AccountSignal, AccountEvent>.Plan(Address, entity, submissions, known, Clock.T1, submission => submission.TraceParent);

    private static SignalSubmission Submit(string key, AccountSignal signal) =>
        new(key, Envelope(0, signal).Name, JsonSerializer.SerializeToElement<AccountSignal>(signal, EntityJson.Options), Hash(signal));

    private static string Hash(AccountSignal signal) => $"{signal.GetType().Name}:{JsonSerializer.Serialize<AccountSignal>(signal, EntityJson.Options)}";

    private static SignalOutcome Outcome(long sequence, bool accepted, long version) =>
        new(sequence, Address.SignalId(sequence), "deposit", $"key-{sequence}", accepted, version, null, Clock.T0);
}
