using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Tests.Support;
using EntityActors.Domain.Accounts;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Relay;

public partial class RelayLaneTests
{
    private static readonly RelayOptions Options = new()
    {
        MaxRaiseBatch = 3,
        PollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(45),
        SafetyReadInterval = TimeSpan.FromSeconds(1),
        StallTimeout = TimeSpan.FromSeconds(30),
        MaxAttempts = 3,
        RaiseLinger = TimeSpan.Zero,
    };

    private static readonly DateTimeOffset Now = Clock.T0;

    [Fact]
    public void Decided_signals_are_published_first_then_raised_in_one_batch_that_says_so()
    {
        var lane = Lane(new RelayMarks(1, 1, 1));
        lane.Accept(Settings(), Marks(lane), Decided(2, 3), 3, Now);

        var publish = lane.Next(Now).Should().BeOfType<RelayStep.Publish>().Subject;
        publish.Signals.Select(signal => signal.Outcome.Sequence).Should().Equal(2, 3);
        publish.Through.Should().Be(3);
        lane.Published(3);

        var raise = lane.Next(Now).Should().BeOfType<RelayStep.Raise>().Subject;
        raise.Batch.Signals.Select(envelope => envelope.Sequence).Should().Equal(2, 3);
        raise.Batch.RelayedThrough.Should().Be(3, "the workflow learns in the same batch that what it holds is published");
        raise.Through.Should().Be(3);
    }

    [Fact]
    public void While_a_batch_is_in_flight_new_signals_are_published_but_wait_to_be_raised()
    {
        var lane = Raised(through: 3);

        lane.Accept(Settings(), Marks(lane), Decided(4), 4, Now);

        lane.Next(Now).Should().BeOfType<RelayStep.Publish>().Which.Through.Should().Be(4);
        lane.Published(4);
        lane.Next(Now).Should().BeOfType<RelayStep.Wait>("the batch in flight is not applied yet");
        lane.Observed(Progress(3), seenHere: true, Now).Should().BeFalse();
        lane.Next(Now).Should().BeOfType<RelayStep.Raise>().Which.Batch.Signals.Select(envelope => envelope.Sequence).Should().Equal(4);
    }

    [Fact]
    public void A_lane_stops_once_everything_stored_is_published_raised_and_applied()
    {
        var lane = Raised(through: 3);

        lane.IsCaughtUp(3).Should().BeFalse();
        lane.Observed(Progress(3), seenHere: true, Now);

        lane.IsCaughtUp(3).Should().BeTrue();
        lane.Next(Now).Should().Be(new RelayStep.Stop());
    }

    [Fact]
    public void A_batch_raised_carries_at_most_the_configured_number_of_envelopes()
    {
        var lane = Lane(new RelayMarks(1, 1, 5));
        lane.Accept(Settings(), Marks(lane), Decided(2, 3, 4, 5), 5, Now);

        var raise = lane.Next(Now).Should().BeOfType<RelayStep.Raise>().Subject;

        raise.Batch.Signals.Select(envelope => envelope.Sequence).Should().Equal(2, 3, 4);
        raise.Through.Should().Be(4);
    }

    [Fact]
    public void What_a_new_lane_does_not_hold_it_loads_from_where_the_workflow_stands()
    {
        // After a crash: the workflow applied 2 and knows 1 published; the writer stored up to 5 and hands over 4 and 5.
        var lane = Lane(new RelayMarks(2, 2, 1));
        lane.Accept(Settings(), new RelayMarks(2, 2, 1), Decided(4, 5), 5, Now);

        lane.Next(Now).Should().Be(new RelayStep.Load(2, 3));
        lane.Loaded(Decided(2, 3), 3);

        lane.Next(Now).Should().BeOfType<RelayStep.Publish>().Which.Signals.Select(signal => signal.Outcome.Sequence).Should().Equal(2, 3, 4, 5);
        lane.Published(5);
        lane.Next(Now).Should().BeOfType<RelayStep.Raise>().Which.Batch.Signals.Select(envelope => envelope.Sequence).Should().Equal(3, 4, 5);
    }

    [Fact]
    public void Envelopes_missing_from_the_store_are_passed_over_rather_than_loaded_forever()
    {
        var lane = Lane(new RelayMarks(1, 1, 1));
        lane.Accept(Settings(), Marks(lane), Decided(4), 4, Now);
        lane.Next(Now).Should().Be(new RelayStep.Load(2, 3));

        lane.Loaded(Decided(3), 3);

        lane.Next(Now).Should().BeOfType<RelayStep.Publish>().Which.Signals.Select(signal => signal.Outcome.Sequence).Should().Equal(3, 4);
    }

    [Fact]
    public void A_signal_without_a_decision_is_passed_by_the_publisher_but_still_raised()
    {
        var lane = Lane(new RelayMarks(1, 1, 1));
        var undecided = Envelope(2, new Deposit(Eur(1m)));
        lane.Accept(Settings(), Marks(lane), [undecided], 2, Now);

        var publish = lane.Next(Now).Should().BeOfType<RelayStep.Publish>().Subject;
        publish.Signals.Should().BeEmpty();
        publish.Through.Should().Be(2);
        lane.Published(2);
        lane.Next(Now).Should().BeOfType<RelayStep.Raise>().Which.Batch.Signals.Should().Equal(undecided);
    }

    [Fact]
    public void A_workflow_that_does_not_exist_yet_is_started_first_holding_the_signals_of_its_input()
    {
        var lane = Lane(new RelayMarks(0, 0, 0));
        var start = new WorkflowStart("AccountWorkflow", "input", InputThrough: 2);
        lane.Accept(Settings(), new RelayMarks(0, 0, 0), Decided(1, 2, 3), 3, Now, start);

        lane.Next(Now).Should().Be(new RelayStep.Start(start));
        lane.Started(withInput: true);

        lane.Next(Now).Should().BeOfType<RelayStep.Publish>().Which.Through.Should().Be(3);
        lane.Published(3);
        lane.Next(Now).Should().BeOfType<RelayStep.Wait>("the input is in flight until the first episode");
        lane.Observed(Progress(2), seenHere: true, Now);
        lane.Next(Now).Should().BeOfType<RelayStep.Raise>().Which.Batch.Signals.Select(envelope => envelope.Sequence).Should().Equal(3);
    }

    [Fact]
    public void A_start_that_lost_the_race_raises_every_signal_from_the_first()
    {
        var lane = Lane(new RelayMarks(0, 0, 0));
        lane.Accept(Settings(), new RelayMarks(0, 0, 0), Decided(1, 2), 2, Now, new WorkflowStart("AccountWorkflow", "input", InputThrough: 2));
        lane.Next(Now).Should().BeOfType<RelayStep.Start>();

        lane.Started(withInput: false);
        lane.Published(2);

        lane.Next(Now).Should().BeOfType<RelayStep.Raise>().Which.Batch.Signals.Select(envelope => envelope.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public void Failures_back_off_then_give_up_and_new_work_starts_afresh()
    {
        var lane = Lane(new RelayMarks(1, 1, 1));
        lane.Accept(Settings(), Marks(lane), Decided(2), 2, Now);

        lane.Failed(Now);
        lane.Next(Now).Should().Be(new RelayStep.Wait(TimeSpan.FromMilliseconds(100)));
        lane.Next(Now.AddMilliseconds(100)).Should().BeOfType<RelayStep.Publish>();
        lane.Failed(Now);
        lane.Next(Now).Should().Be(new RelayStep.Wait(TimeSpan.FromMilliseconds(200)));
        lane.Failed(Now);
        lane.Next(Now.AddSeconds(1)).Should().Be(new RelayStep.Stop("3 attempts in a row failed"));

        lane.Accept(Settings(), Marks(lane), [], 2, Now);
        lane.Next(Now).Should().BeOfType<RelayStep.Publish>();
    }

    [Fact]
    public void Decided_envelopes_linger_before_they_are_raised_so_one_raise_carries_more()
    {
        var options = new RelayOptions { RaiseLinger = TimeSpan.FromMilliseconds(500), MaxRaiseBatch = 3 };
        var lane = new RelayLane(Address, new RelayMarks(1, 1, 1), options, Now);
        lane.Accept(Settings(), Marks(lane), Decided(2), 2, Now);
        lane.Published(2);

        lane.Next(Now.AddMilliseconds(100)).Should().Be(new RelayStep.Wait(TimeSpan.FromMilliseconds(400)), "events leave at once, the raise waits");
        lane.Accept(Settings(), Marks(lane), Decided(3), 3, Now.AddMilliseconds(200));
        lane.Published(3);

        lane.Next(Now.AddMilliseconds(500)).Should().BeOfType<RelayStep.Raise>("the oldest has waited long enough")
            .Which.Batch.Signals.Select(envelope => envelope.Sequence).Should().Equal(2, 3);
    }

    [Fact]
    public void A_full_batch_is_raised_without_lingering()
    {
        var options = new RelayOptions { RaiseLinger = TimeSpan.FromSeconds(5), MaxRaiseBatch = 3 };
        var lane = new RelayLane(Address, new RelayMarks(1, 1, 4), options, Now);

        lane.Accept(Settings(), Marks(lane), Decided(2, 3, 4), 4, Now);

        lane.Next(Now).Should().BeOfType<RelayStep.Raise>().Which.Through.Should().Be(4);
    }

    private static RelayLane Lane(RelayMarks marks) => new(Address, marks, Options, Now);

    /// <summary>A lane that published and raised 2..<paramref name="through"/>, the workflow having applied 1.</summary>
    private static RelayLane Raised(long through)
    {
        var lane = Lane(new RelayMarks(1, 1, 1));
        var sequences = Enumerable.Range(2, (int)through - 1).Select(n => (long)n).ToArray();
        lane.Accept(Settings(), Marks(lane), Decided(sequences), through, Now);
        lane.Published(through);
        lane.Next(Now).Should().BeOfType<RelayStep.Raise>();
        lane.Raised(through, Now);
        return lane;
    }

    private static RelayMarks Marks(RelayLane lane) => new(lane.AppliedThrough, lane.RaisedThrough, lane.PublishedThrough);

    private static WorkflowProgress Progress(long sequence, long divergences = 0) => new(sequence, divergences, null);

    private static List<SignalEnvelope> Decided(params long[] sequences) =>
        [.. sequences.Select(sequence =>
        {
            var envelope = Envelope(sequence, new Deposit(Eur(1m)));
            var outcome = new SignalOutcome(sequence, envelope.SignalId, envelope.Name, envelope.IdempotencyKey, true, sequence, null, envelope.AcceptedAt);
            return envelope with { Outcome = outcome, Events = EmptyEvents };
        })];

    private static readonly System.Text.Json.JsonElement EmptyEvents = System.Text.Json.JsonDocument.Parse("[]").RootElement.Clone();
}
