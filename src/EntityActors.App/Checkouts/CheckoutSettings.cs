using EntityActors.App.Payments;

namespace EntityActors.App.Checkouts;

/// <summary><see cref="CheckoutOptions"/> as the saga receives them in its input.</summary>
public sealed record CheckoutSettings(
    decimal ApprovalThreshold,
    TimeSpan ApprovalTimeout,
    TimeSpan EscalationTimeout,
    RetrySettings StepRetry,
    RetrySettings CompensationRetry,
    PaymentCaptureSettings PaymentCapture);
