namespace EntityActors.App.Payments;

/// <summary><see cref="PaymentCaptureOptions"/> as the saga receives them in its input.</summary>
public sealed record PaymentCaptureSettings(TimeSpan HeartbeatTimeout, int MaxAttempts);
