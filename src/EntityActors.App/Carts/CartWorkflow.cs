using EntityActors.App.Entities;
using EntityActors.Domain.Carts;

namespace EntityActors.App.Carts;

/// <summary>The long-lived workflow of one cart; all its rules live in <see cref="Cart"/>.</summary>
public sealed class CartWorkflow : EntityWorkflow<Cart, CartState, CartSignal, CartEvent>;
