namespace EntityActors.App.Checkouts;

/// <summary>A checkout as <c>GET /checkouts/{id}</c> answers it: its view and the workflow's runtime status.</summary>
public sealed record CheckoutStatus(string RuntimeStatus, CheckoutView Checkout)
{
    /// <summary>For a checkout that needed attention and was resolved by an operator: how; absent otherwise.</summary>
    public OperatorResolution? Resolution { get; init; }
}
