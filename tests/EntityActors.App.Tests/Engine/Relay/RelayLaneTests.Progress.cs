using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Tests.Support;
using EntityActors.Domain.Accounts;
using static EntityActors.App.Tests.Support.Accounts;

namespace EntityActors.App.Tests.Engine.Relay;

/// <summary>How a lane learns what its workflow applied: episodes heard here, status reads and polls, stalls, divergences.</summary>
public partial class RelayLaneTests
{
    [Fact]
    public void A_lane_that_hears_of_episodes_here_reads_the_status_only_as_a_safety_net()
    {
        var lane = Raised(through: 3);
        lane.Observed(Progress(2), seenHere: true, Now);

        lane.Next(Now).Should().Be(new RelayStep.Wait(Options.SafetyReadInterval));
        lane.Next(Now + Options.SafetyReadInterval).Should().Be(new RelayStep.ReadStatus());
    }

    [Fact]
    public void A_lane_that_last_read_long_ago_does_not_read_the_status_right_after_a_raise()
    {
        var lane = Lane(new RelayMarks(1, 1, 1));
        lane.Observed(Progress(1), seenHere: true, Now);
        var later = Now + TimeSpan.FromMinutes(5);
        lane.Accept(Settings(), Marks(lane), Decided(2), 2, later);
        lane.Published(2);
        lane.Next(later).Should().BeOfType<RelayStep.Raise>();
        lane.Raised(2, later);

        lane.Next(later).Should().Be(new RelayStep.Wait(Options.SafetyReadInterval), "the episode that applies the batch is heard of, not polled for");
    }

    [Fact]
    public void A_lane_whose_workflow_runs_elsewhere_polls_and_backs_off_while_nothing_moves()
    {
        var lane = Raised(through: 4);
        lane.Next(Now).Should().Be(new RelayStep.Wait(Options.SafetyReadInterval), "a lane first expects to hear of episodes here");

        // A read shows progress no episode here reported: the workflow's worker runs in another replica.
        lane.Observed(Progress(2), seenHere: false, Now);
        lane.Next(Now).Should().Be(new RelayStep.Wait(TimeSpan.FromMilliseconds(20)));
        lane.TimedOut();
        lane.Next(Now).Should().Be(new RelayStep.ReadStatus());
        lane.Observed(Progress(2), seenHere: false, Now);
        lane.Next(Now).Should().Be(new RelayStep.Wait(TimeSpan.FromMilliseconds(30)));
        lane.Observed(Progress(2), seenHere: false, Now);
        lane.Next(Now).Should().Be(new RelayStep.Wait(TimeSpan.FromMilliseconds(45)), "capped at the longest poll interval");

        lane.Observed(Progress(3), seenHere: false, Now);
        lane.Next(Now).Should().Be(new RelayStep.Wait(TimeSpan.FromMilliseconds(20)), "progress starts the polling afresh");
    }

    [Fact]
    public void A_workflow_that_does_not_move_is_left_to_the_redelivery_reminder()
    {
        var lane = Raised(through: 3);

        lane.Next(Now + Options.StallTimeout + TimeSpan.FromSeconds(1)).Should().BeOfType<RelayStep.Stop>()
            .Which.Reason.Should().Contain("has not moved past 1");
    }

    [Fact]
    public void A_lane_resumed_after_a_stall_raises_again_what_the_workflow_has_not_applied()
    {
        var lane = Raised(through: 3);
        var later = Now + Options.StallTimeout + TimeSpan.FromSeconds(1);
        lane.Next(later).Should().BeOfType<RelayStep.Stop>();

        lane.Accept(Settings(), new RelayMarks(1, 1, 3), [], 3, later);

        lane.Next(later).Should().Be(new RelayStep.Load(2, 3), "the raise in flight may be lost; the workflow drops what it holds");
        lane.Loaded(Decided(2, 3), 3);
        lane.Next(later).Should().BeOfType<RelayStep.Raise>()
            .Which.Batch.Signals.Select(envelope => envelope.Sequence).Should().Equal(2, 3);
    }

    [Fact]
    public void Only_divergences_not_seen_before_are_reported()
    {
        var lane = Lane(new RelayMarks(1, 1, 1, Divergences: 2));

        lane.Observed(Progress(1, divergences: 2), seenHere: true, Now).Should().BeFalse();
        lane.Observed(Progress(2, divergences: 3), seenHere: true, Now).Should().BeTrue();
        lane.Observed(Progress(2, divergences: 3), seenHere: true, Now).Should().BeFalse();
    }
}
