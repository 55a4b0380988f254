using System.Diagnostics;
using EntityActors.App.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EntityActors.App.Tests.Health;

public class BoundedHealthCheckTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_check_that_waits_on_a_frozen_dependency_is_cancelled_at_the_bound_and_says_so()
    {
        var frozen = new DelegateCheck(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return HealthCheckResult.Healthy();
        });
        var started = Stopwatch.StartNew();

        var result = await Bounded(frozen).CheckHealthAsync(Context());

        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        (result.Status, result.Description).Should().Be((HealthStatus.Unhealthy, "Did not answer within 0.2 s."));
        frozen.Token.IsCancellationRequested.Should().BeTrue("the dependency's call is cancelled, not left to pile up");
    }

    [Fact]
    public async Task A_check_that_ignores_its_token_is_answered_for_at_the_bound_all_the_same()
    {
        var stuck = new TaskCompletionSource<HealthCheckResult>();

        var result = await Bounded(new DelegateCheck(_ => stuck.Task)).CheckHealthAsync(Context());

        result.Description.Should().Be("Did not answer within 0.2 s.");
    }

    [Fact]
    public async Task A_check_that_catches_its_own_cancellation_is_reported_as_out_of_time_not_in_its_words()
    {
        var check = new DelegateCheck(async token =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
                return HealthCheckResult.Healthy();
            }
            catch (OperationCanceledException ex)
            {
                return HealthCheckResult.Unhealthy("State store 'statestore' does not answer.", ex);
            }
        });

        var result = await Bounded(check).CheckHealthAsync(Context());

        result.Description.Should().Be("Did not answer within 0.2 s.");
    }

    [Fact]
    public async Task A_check_within_the_bound_answers_as_it_is_and_the_failure_status_of_its_registration_is_kept()
    {
        var fast = await Bounded(new DelegateCheck(_ => Task.FromResult(HealthCheckResult.Unhealthy("The Dapr sidecar reports unhealthy.")))).CheckHealthAsync(Context());
        var degraded = await Bounded(new DelegateCheck(_ => new TaskCompletionSource<HealthCheckResult>().Task)).CheckHealthAsync(Context(HealthStatus.Degraded));

        fast.Description.Should().Be("The Dapr sidecar reports unhealthy.");
        degraded.Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task A_caller_that_gives_up_is_not_answered_for()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var act = () => Bounded(new DelegateCheck(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return HealthCheckResult.Healthy();
        })).CheckHealthAsync(Context(), gone.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private static BoundedHealthCheck Bounded(IHealthCheck inner) => new(inner, Bound, TimeProvider.System);

    private static HealthCheckContext Context(HealthStatus failureStatus = HealthStatus.Unhealthy) =>
        new() { Registration = new HealthCheckRegistration("check", _ => throw new InvalidOperationException(), failureStatus, tags: null) };

    private sealed class DelegateCheck(Func<CancellationToken, Task<HealthCheckResult>> check) : IHealthCheck
    {
        public CancellationToken Token { get; private set; }

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Token = cancellationToken;
            return check(cancellationToken);
        }
    }
}
