using System.Text.Json.Serialization;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Carts;

[JsonConverter(typeof(KebabCaseEnumConverter<CartStatus>))]
public enum CartStatus
{
    /// <summary>Accepts item changes and checkout. A cart nobody has touched yet is open and empty.</summary>
    Open,

    /// <summary>A checkout is running; the cart waits for it to complete or fail.</summary>
    CheckingOut,

    /// <summary>Final: the checkout completed.</summary>
    CheckedOut,

    /// <summary>Final: the cart was abandoned.</summary>
    Expired,
}
