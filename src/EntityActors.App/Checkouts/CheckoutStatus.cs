namespace EntityActors.App.Checkouts;

/// <summary>A checkout as <c>GET /checkouts/{id}</c> answers it: its view and the workflow's runtime status.</summary>
public sealed record CheckoutStatus(string RuntimeStatus, CheckoutView Checkout);
