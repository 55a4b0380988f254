using System.ComponentModel.DataAnnotations;
using EntityActors.App.Payments;

namespace EntityActors.App.Checkouts;

/// <summary>Tunables of the checkout saga (section <c>EntityActors:Checkout</c>).</summary>
public sealed class CheckoutOptions
{
    public const string Section = "EntityActors:Checkout";

    /// <summary>Orders with a total above this amount wait for a human approval.</summary>
    [Range(0, 1_000_000_000)]
    public decimal ApprovalThreshold { get; set; } = 1_000m;

    /// <summary>How long an order waits for approval before a reminder is sent (the escalation).</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long after the reminder the order still waits before it is rejected and undone.</summary>
    public TimeSpan EscalationTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Retries of the forward steps (reserve, hold, commit, capture, complete).</summary>
    public RetryOptions StepRetry { get; set; } = new();

    /// <summary>Retries of compensations, which must eventually succeed.</summary>
    public RetryOptions CompensationRetry { get; set; } = new() { MaxAttempts = 20, MaxRetry = TimeSpan.FromSeconds(30) };

    /// <summary>The watchdog over the payment capture at the gateway.</summary>
    public PaymentCaptureOptions PaymentCapture { get; set; } = new();

    public CheckoutSettings ToSettings() =>
        new(ApprovalThreshold, ApprovalTimeout, EscalationTimeout, StepRetry.ToSettings(), CompensationRetry.ToSettings(), PaymentCapture.ToSettings());
}
