using System.Collections.Immutable;

namespace EntityActors.App.Payments;

/// <summary>The input of one attempt of <see cref="CapturePaymentActivity"/>: every part, and the first one this attempt is asked to capture.</summary>
/// <param name="InstanceId">The workflow that waits for this capture's heartbeats.</param>
public sealed record PaymentCaptureRequest(string CheckoutId, string InstanceId, ImmutableList<CapturePart> Parts, int Attempt, int FromPart);
