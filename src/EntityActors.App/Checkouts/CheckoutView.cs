using EntityActors.App.Payments;
using System.Collections.Immutable;
using EntityActors.App.Engine.Contracts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Checkouts;

/// <summary>What a checkout publishes as its custom status and what <c>GET /checkouts/{id}</c> returns.</summary>
public sealed record CheckoutView(
    string CheckoutId,
    string CartId,
    string AccountId,
    Money Total,
    int Lines,
    string Step,
    string? Outcome,
    string? Reason,
    ImmutableList<StepTiming> Steps,
    ImmutableList<CompensationRun> Compensations,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    CaptureWatch? Payment = null)
{
    public static CheckoutView Start(CheckoutRequest request, DateTimeOffset now) =>
        new(request.CheckoutId, request.CartId, request.AccountId, request.Total, request.Lines.Count,
            CheckoutSteps.Started, null, null, [], [], now, null);

    public CheckoutView Enter(string step, DateTimeOffset now) =>
        this with { Step = step, Steps = Steps.Add(new StepTiming(step, now, null)) };

    public CheckoutView Leave(DateTimeOffset now) =>
        Steps.Count == 0 || Steps[^1].FinishedAt is not null
            ? this
            : this with { Steps = Steps.SetItem(Steps.Count - 1, Steps[^1] with { FinishedAt = now }) };

    public CheckoutView Compensated(SignalCommand compensation, SignalResult result) =>
        this with { Compensations = Compensations.Add(new CompensationRun(compensation.Signal, compensation.Kind, compensation.EntityId, result.Accepted ? "undone" : result.Code ?? "nothing-to-undo")) };

    public CheckoutView Finish(string outcome, string? reason, DateTimeOffset now) =>
        Leave(now) with { Step = CheckoutSteps.Finished, Outcome = outcome, Reason = reason, FinishedAt = now };
}
