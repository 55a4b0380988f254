namespace EntityActors.App.Carts;

/// <summary>Cart tunables (section <c>EntityActors:Carts</c>).</summary>
public sealed class CartOptions
{
    public const string Section = "EntityActors:Carts";

    /// <summary>An open cart with no signal for this long expires (a durable timer in its workflow).</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(1);
}
