using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Tests.Support;
using EntityActors.App.Tests.Support.Probes;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Common;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Workflow;

public class EntityLoopTests
{
    [Fact]
    public void Envelopes_in_sequence_order_are_applied_one_after_the_other()
    {
        var checkpoint = Opened();

        var turn = Absorb(checkpoint, Batch(
            Envelope(2, new Deposit(Eur(10m))),
            Envelope(3, new Deposit(Eur(5m))),
            Envelope(4, new Withdraw(Eur(3m)))));

        turn.Applied.Select(a => a.Outcome.Sequence).Should().Equal(2, 3, 4);
        turn.Applied.Select(a => a.Outcome.Version).Should().Equal(2, 3, 4);
        turn.Applied.Should().OnlyContain(a => a.Outcome.Accepted);
        turn.Checkpoint.State.Balance.Should().Be(12m);
        turn.Checkpoint.Sequence.Should().Be(4);
        turn.Checkpoint.Version.Should().Be(4);
        turn.Checkpoint.Pending.Should().BeEmpty();
    }

    [Fact]
    public void A_batch_that_arrives_shuffled_is_applied_in_sequence_order()
    {
        // Applied in arrival order, the withdrawal would meet an empty account and be refused.
        var checkpoint = Opened(balance: 0m);

        var turn = Absorb(checkpoint, Batch(
            Envelope(4, new Withdraw(Eur(12m))),
            Envelope(2, new Deposit(Eur(10m))),
            Envelope(3, new Deposit(Eur(5m)))));

        turn.Applied.Select(a => a.Outcome.Sequence).Should().Equal(2, 3, 4);
        turn.Applied.Should().OnlyContain(a => a.Outcome.Accepted);
        turn.Checkpoint.State.Balance.Should().Be(3m);
    }

    [Fact]
    public void An_envelope_after_a_gap_waits_in_pending_and_changes_nothing()
    {
        var checkpoint = Opened(balance: 20m);

        var turn = Absorb(checkpoint, Batch(Envelope(3, new Withdraw(Eur(5m)))));

        turn.Applied.Should().BeEmpty();
        Sequences(turn.Checkpoint.Pending).Should().Equal(3);
        turn.Checkpoint.State.Should().BeEquivalentTo(checkpoint.State);
        turn.Checkpoint.Sequence.Should().Be(1);
        turn.Checkpoint.Version.Should().Be(1);
        turn.Checkpoint.HandledThisGeneration.Should().Be(0);
    }

    [Fact]
    public void Pending_envelopes_are_applied_in_order_as_soon_as_the_gap_fills()
    {
        var afterFour = Absorb(Opened(), Batch(Envelope(4, new Withdraw(Eur(12m))))).Checkpoint;
        var afterThree = Absorb(afterFour, Batch(Envelope(3, new Deposit(Eur(5m))))).Checkpoint;
        Sequences(afterThree.Pending).Should().Equal(3, 4);

        var turn = Absorb(afterThree, Batch(Envelope(2, new Deposit(Eur(10m)))));

        turn.Applied.Select(a => a.Outcome.Sequence).Should().Equal(2, 3, 4);
        turn.Applied.Should().OnlyContain(a => a.Outcome.Accepted);
        turn.Checkpoint.Pending.Should().BeEmpty();
        turn.Checkpoint.Sequence.Should().Be(4);
        turn.Checkpoint.State.Balance.Should().Be(3m);
    }

    [Fact]
    public void Only_the_contiguous_run_is_applied_and_envelopes_beyond_the_next_gap_stay_pending()
    {
        var checkpoint = Opened();

        var turn = Absorb(checkpoint, Batch(
            Envelope(2, new Deposit(Eur(1m))),
            Envelope(3, new Deposit(Eur(2m))),
            Envelope(5, new Deposit(Eur(4m)))));

        turn.Applied.Select(a => a.Outcome.Sequence).Should().Equal(2, 3);
        Sequences(turn.Checkpoint.Pending).Should().Equal(5);
        turn.Checkpoint.Sequence.Should().Be(3);
        turn.Checkpoint.State.Balance.Should().Be(3m);
    }

    [Fact]
    public void Envelopes_at_or_below_the_handled_sequence_are_redeliveries_and_are_ignored()
    {
        var checkpoint = Absorb(Opened(), Batch(Deposits(from: 2, count: 2))).Checkpoint;
        checkpoint.State.Balance.Should().Be(3m);

        var turn = Absorb(checkpoint, Batch(
            Envelope(1, new OpenAccount("Ada", "EUR")),
            Envelope(2, new Deposit(Eur(1m))),
            Envelope(3, new Deposit(Eur(2m))),
            Envelope(4, new Deposit(Eur(100m)))));

        turn.Applied.Select(a => a.Outcome.Sequence).Should().Equal(4);
        turn.Checkpoint.State.Balance.Should().Be(103m);
        turn.Checkpoint.Version.Should().Be(4);
        turn.Checkpoint.Pending.Should().BeEmpty();
    }

    [Fact]
    public void A_batch_of_nothing_but_redeliveries_changes_nothing_but_counts_as_an_event_of_the_history()
    {
        var checkpoint = Absorb(Opened(), Batch(Deposits(from: 2, count: 3))).Checkpoint;

        var turn = Absorb(checkpoint, Batch(Deposits(from: 2, count: 3)));

        turn.Applied.Should().BeEmpty();
        turn.Checkpoint.Should().BeEquivalentTo(checkpoint with { BatchesThisGeneration = checkpoint.BatchesThisGeneration + 1 });
    }

    [Fact]
    public void An_envelope_already_pending_is_applied_once_when_delivered_again()
    {
        var checkpoint = Absorb(Opened(), Batch(Envelope(3, new Deposit(Eur(50m))))).Checkpoint;

        var turn = Absorb(checkpoint, Batch(
            Envelope(3, new Deposit(Eur(50m))),
            Envelope(2, new Deposit(Eur(1m))),
            Envelope(3, new Deposit(Eur(50m)))));

        turn.Applied.Select(a => a.Outcome.Sequence).Should().Equal(2, 3);
        turn.Checkpoint.State.Balance.Should().Be(51m);
        turn.Checkpoint.Pending.Should().BeEmpty();
    }

    [Fact]
    public void The_same_envelope_twice_in_one_batch_ahead_of_a_gap_is_kept_pending_once()
    {
        var turn = Absorb(Opened(), Batch(
            Envelope(3, new Deposit(Eur(50m))),
            Envelope(3, new Deposit(Eur(50m)))));

        Sequences(turn.Checkpoint.Pending).Should().Equal(3);
    }

    [Fact]
    public void Version_counts_accepted_signals_while_sequence_counts_every_handled_signal()
    {
        var checkpoint = Opened(balance: 0m);

        var turn = Absorb(checkpoint, Batch(
            Envelope(2, new Deposit(Eur(10m))),
            Envelope(3, new Withdraw(Eur(100m))),
            Envelope(4, new Deposit(Eur(5m)))));

        turn.Applied.Select(a => a.Outcome.Accepted).Should().Equal(true, false, true);
        turn.Applied.Select(a => a.Outcome.Version).Should().Equal(2, 2, 3);
        turn.Checkpoint.Version.Should().Be(3);
        turn.Checkpoint.Sequence.Should().Be(4);
    }

    [Fact]
    public void A_rejected_signal_leaves_state_version_and_last_change_as_they_were_and_records_why()
    {
        var checkpoint = Opened(balance: 20m);

        var turn = Absorb(checkpoint, Batch(Envelope(2, new Withdraw(Eur(25m)), at: Clock.T1)));

        var outcome = turn.Applied.Should().ContainSingle().Subject.Outcome;
        outcome.Accepted.Should().BeFalse();
        outcome.Version.Should().Be(1);
        outcome.Rejection.Should().BeEquivalentTo(new { Code = "insufficient-funds", Kind = RejectionKind.Unprocessable });
        turn.Checkpoint.State.Should().BeEquivalentTo(checkpoint.State);
        turn.Checkpoint.Version.Should().Be(1);
        turn.Checkpoint.Sequence.Should().Be(2);
        turn.Checkpoint.LastChangedAt.Should().Be(Clock.T0);
    }

    [Fact]
    public void An_accepted_signal_records_who_when_and_under_which_key_at_the_time_it_was_accepted()
    {
        var checkpoint = Opened();

        var turn = Absorb(checkpoint, Batch(Envelope(2, new Deposit(Eur(10m)), at: Clock.T2)));

        turn.Applied.Should().ContainSingle().Which.Outcome.Should().Be(new SignalOutcome(
            Sequence: 2,
            SignalId: "accounts-acct-1:2",
            Name: "deposit",
            IdempotencyKey: "key-2",
            Accepted: true,
            Version: 2,
            Rejection: null,
            At: Clock.T2));
        turn.Checkpoint.LastChangedAt.Should().Be(Clock.T2);
    }

    [Fact]
    public void Handled_this_generation_counts_every_handled_signal_but_not_redeliveries_or_pending_ones()
    {
        var checkpoint = Opened(balance: 0m) with { HandledThisGeneration = 2 };

        var turn = Absorb(checkpoint, Batch(
            Envelope(1, new OpenAccount("Ada", "EUR")),
            Envelope(2, new Deposit(Eur(10m))),
            Envelope(3, new Withdraw(Eur(100m))),
            Envelope(5, new Deposit(Eur(5m)))));

        turn.Applied.Should().HaveCount(2);
        turn.Checkpoint.HandledThisGeneration.Should().Be(4);
    }

    public static TheoryData<string, string> UndecodablePayloads => new()
    {
        { "a bare string", "\"deposit\"" },
        { "a number", "42" },
        { "an array", "[{\"type\":\"deposit\"}]" },
        { "an unknown type", "{\"type\":\"teleport\",\"amount\":{\"amount\":1,\"currency\":\"EUR\"}}" },
        { "a field of the wrong type", "{\"type\":\"deposit\",\"amount\":\"ten euros\"}" },
        { "no type at all", "{\"amount\":{\"amount\":1,\"currency\":\"EUR\"}}" },
        { "null", "null" },
    };

    [Theory]
    [MemberData(nameof(UndecodablePayloads))]
    public void An_undecodable_payload_becomes_an_invalid_rejection_and_the_loop_goes_on(string description, string payload)
    {
        var checkpoint = Opened(balance: 10m);

        var act = () => Absorb(checkpoint, Batch(
            Envelope(2, "deposit", JsonDocument.Parse(payload).RootElement.Clone()),
            Envelope(3, new Deposit(Eur(5m)))));

        var turn = act.Should().NotThrow("a payload that is {0} must not fail the workflow", description).Subject;
        turn.Applied.Select(a => a.Outcome.Accepted).Should().Equal(false, true);
        RejectionOf(turn.Applied[0]).Should().BeEquivalentTo(new { Code = "undecodable-signal", Kind = RejectionKind.Invalid });
        turn.Checkpoint.State.Balance.Should().Be(15m);
        turn.Checkpoint.Sequence.Should().Be(3);
        turn.Checkpoint.Version.Should().Be(2);
    }

    [Fact]
    public void An_exception_in_decide_becomes_a_rule_failed_rejection_and_the_loop_goes_on()
    {
        var checkpoint = ProbeBatches.Absorb(ProbeBatches.Initial(), ProbeBatches.Envelope(1, new Bump())).Checkpoint;

        var turn = ProbeBatches.Absorb(checkpoint, ProbeBatches.Envelope(2, new Explode("the rule divided by zero")), ProbeBatches.Envelope(3, new Bump()));

        turn.Applied.Select(a => a.Outcome.Accepted).Should().Equal(false, true);
        turn.Applied[0].Outcome.Rejection.Should().Be(Rejection.Unprocessable("rule-failed", "InvalidOperationException: the rule divided by zero"));
        turn.Applied[0].Outcome.Version.Should().Be(1);
        turn.Checkpoint.State.Count.Should().Be(2);
        turn.Checkpoint.Version.Should().Be(2);
        turn.Checkpoint.Sequence.Should().Be(3);
    }

    [Fact]
    public void An_exception_in_apply_becomes_a_rule_failed_rejection_and_changes_nothing()
    {
        var checkpoint = ProbeBatches.Absorb(ProbeBatches.Initial(), ProbeBatches.Envelope(1, new Bump())).Checkpoint;

        var act = () => ProbeBatches.Absorb(checkpoint, ProbeBatches.Envelope(2, new Poison()), ProbeBatches.Envelope(3, new Bump()));

        var turn = act.Should().NotThrow("a bug in Apply must not fail the workflow either").Subject;
        turn.Applied.Select(a => a.Outcome.Accepted).Should().Equal(false, true);
        RejectionOf(turn.Applied[0]).Should().BeEquivalentTo(new { Code = "rule-failed", Kind = RejectionKind.Unprocessable });
        turn.Applied[0].Events.GetArrayLength().Should().Be(0, "events that could not be applied did not happen");
        turn.Checkpoint.State.Count.Should().Be(2);
        turn.Checkpoint.Version.Should().Be(2);
        turn.Checkpoint.Sequence.Should().Be(3);
    }

    [Fact]
    public void The_events_an_accepted_signal_produced_are_serialized_with_their_type()
    {
        var turn = Absorb(Opened(), Batch(Envelope(2, new Deposit(Eur(10.25m)))));

        var events = JsonNode.Parse(turn.Applied.Single().Events.GetRawText());
        var expected = JsonNode.Parse("""[{ "type": "money-deposited", "amount": { "amount": 10.25, "currency": "EUR" } }]""");
        JsonNode.DeepEquals(events, expected).Should().BeTrue("events were {0}", events?.ToJsonString());
    }

    [Fact]
    public void A_rejected_signal_produced_no_events()
    {
        var turn = Absorb(Opened(), Batch(Envelope(2, new Withdraw(Eur(1m)))));

        var events = turn.Applied.Single().Events;
        events.ValueKind.Should().Be(JsonValueKind.Array);
        events.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void The_settings_of_the_batch_replace_the_checkpoints_and_apply_in_the_same_turn()
    {
        var checkpoint = Absorb(Opened(), Batch(Deposits(from: 2, count: 3))).Checkpoint;
        var changed = Settings(continueAsNewAfter: 7);

        var turn = Absorb(checkpoint, Batch(changed, Deposits(from: 5, count: 1)));

        turn.Checkpoint.Settings.Should().Be(changed);
        turn.Checkpoint.HandledThisGeneration.Should().Be(4);
    }

    [Fact]
    public void The_settings_of_a_batch_are_taken_even_when_it_applies_nothing()
    {
        var changed = Settings(continueAsNewAfter: 7);

        var turn = Absorb(Opened(), Batch(changed, Envelope(1, new OpenAccount("Ada", "EUR"))));

        turn.Applied.Should().BeEmpty();
        turn.Checkpoint.Settings.Should().Be(changed);
    }
}
