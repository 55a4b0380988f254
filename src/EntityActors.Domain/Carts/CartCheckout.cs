namespace EntityActors.Domain.Carts;

/// <summary>The checkout a cart is waiting for. Its id is derived from the cart id and the attempt number.</summary>
public sealed record CartCheckout(string CheckoutId, string AccountId, int Attempt);
