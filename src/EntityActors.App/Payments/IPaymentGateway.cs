namespace EntityActors.App.Payments;

/// <summary>
/// The payment service provider a checkout captures its payment at. Like real gateways it deduplicates by
/// idempotency key: a repeated capture key is answered with the first capture and never charged again.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Captures one part; may take long (the caller reports progress between parts).</summary>
    Task<CaptureReceipt> CaptureAsync(CapturePart part, CancellationToken cancellationToken);

    /// <summary>Voids the parts with these keys: captured ones are refunded, and any capture still to come for them is refused.</summary>
    Task VoidAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);
}
