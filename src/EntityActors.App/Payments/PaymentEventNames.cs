namespace EntityActors.App.Payments;

public static class PaymentEventNames
{
    /// <summary>The event a capture raises to its checkout after every part.</summary>
    public const string Heartbeat = "payment-heartbeat";
}
