using System.Text.Json.Serialization;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Inventory;

/// <summary>Everything an inventory item can be asked to do. Closed: only the types listed here derive from it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Restock), "restock")]
[JsonDerivedType(typeof(Reserve), "reserve")]
[JsonDerivedType(typeof(ReleaseReservation), "release")]
[JsonDerivedType(typeof(CommitReservation), "commit")]
[JsonDerivedType(typeof(AdjustStock), "adjust")]
public abstract record InventoryItemSignal : ISignal
{
    private protected InventoryItemSignal()
    {
    }

    /// <summary>Signal name (as in routes and the JSON <c>type</c> property) → signal type.</summary>
    public static IReadOnlyDictionary<string, Type> ByName { get; } = JsonDerivedTypes.ByDiscriminator<InventoryItemSignal>();

    /// <inheritdoc />
    public abstract Rejection? Validate();
}
