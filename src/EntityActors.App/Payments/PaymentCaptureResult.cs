namespace EntityActors.App.Payments;

/// <summary>A capture attempt that finished: every part is captured; it began at <see cref="ResumedFrom"/>.</summary>
public sealed record PaymentCaptureResult(int Captured, int ResumedFrom);
