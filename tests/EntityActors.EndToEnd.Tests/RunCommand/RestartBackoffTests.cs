using EntityActors.LocalRuntime.Supervision;

namespace EntityActors.EndToEnd.Tests.RunCommand;

public sealed class RestartBackoffTests
{
    private static readonly ProcessRestartOptions Options = new();
    private static readonly TimeSpan Briefly = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_process_that_keeps_exiting_waits_one_second_then_twice_as_long_each_time_up_to_thirty()
    {
        var backoff = new RestartBackoff(Options);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.After(Briefly).TotalSeconds).ToList();

        delays.Should().Equal(1, 2, 4, 8, 16, 30, 30, 30);
    }

    [Fact]
    public void A_process_that_ran_a_while_before_it_exited_starts_again_after_one_second()
    {
        var backoff = new RestartBackoff(Options);
        foreach (var _ in Enumerable.Range(0, 5))
        {
            backoff.After(Briefly);
        }

        var afterALongRun = backoff.After(Options.ResetAfter);
        var next = backoff.After(Briefly);

        afterALongRun.Should().Be(TimeSpan.FromSeconds(1));
        next.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_maximum_below_the_first_delay_is_refused()
    {
        var options = new ProcessRestartOptions { InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) };

        var validate = options.Validate;

        validate.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(ProcessRestartOptions.MaxDelay));
    }
}
