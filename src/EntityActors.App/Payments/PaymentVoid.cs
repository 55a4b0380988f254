namespace EntityActors.App.Payments;

/// <summary>The input of <see cref="VoidPaymentActivity"/>: the capture keys of a payment given up on.</summary>
public sealed record PaymentVoid(string CheckoutId, IReadOnlyList<string> Keys);
