using EntityActors.App.Payments;

namespace EntityActors.App.Tests.Payments;

public class CaptureWatchTests
{
    [Fact]
    public void The_first_attempt_starts_at_the_first_part()
    {
        var watch = CaptureWatch.Start(parts: 5, maxAttempts: 3);

        watch.Attempts.Should().Equal(new CaptureAttempt(1, 1));
        watch.NextPart.Should().Be(1);
        watch.Complete.Should().BeFalse();
    }

    [Fact]
    public void Heartbeats_move_the_progress_forward_only()
    {
        var watch = CaptureWatch.Start(5, 3).OnHeartbeat(3).OnHeartbeat(2);

        watch.Progress.Should().Be(3, "a late heartbeat of an earlier attempt reports less, not a loss");
        watch.NextPart.Should().Be(4);
    }

    [Fact]
    public void A_stall_retries_from_the_part_after_the_last_reported_one()
    {
        var watch = CaptureWatch.Start(5, 3).OnHeartbeat(2).OnStalled("no heartbeat for 00:00:05");

        watch.GaveUp.Should().BeFalse();
        watch.Attempts.Should().Equal(new CaptureAttempt(1, 1, "no heartbeat for 00:00:05"), new CaptureAttempt(2, 3));
    }

    [Fact]
    public void A_stall_on_the_last_attempt_gives_up()
    {
        var watch = CaptureWatch.Start(5, 2).OnStalled("no heartbeat").OnHeartbeat(4).OnStalled("failed: gateway down");

        watch.GaveUp.Should().BeTrue();
        watch.Complete.Should().BeFalse();
        watch.Attempts.Select(attempt => attempt.EndedBy).Should().Equal("no heartbeat", "failed: gateway down");
    }

    [Fact]
    public void A_completed_attempt_completes_the_capture_whatever_the_heartbeats_said()
    {
        var watch = CaptureWatch.Start(5, 3).OnHeartbeat(1).OnCompleted(5);

        watch.Complete.Should().BeTrue();
        watch.Attempts.Should().Equal(new CaptureAttempt(1, 1, "completed"));
    }

    [Fact]
    public void Progress_never_exceeds_the_parts()
    {
        CaptureWatch.Start(2, 3).OnHeartbeat(9).Progress.Should().Be(2);
    }
}
