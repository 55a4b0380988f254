using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EntityActors.App.Engine.Contracts;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// One example of every signal, as the domain's own types, so an example body is what the signal reader accepts
/// (a test sends each through it). Shown by the API document and the explorer's signal form.
/// </summary>
public static class SignalExamples
{
    private static readonly Money Price = new(2.50m, "EUR");

    private static readonly Dictionary<Type, ISignal> ByType = new ISignal[]
    {
        new AddItem("apple", 2, Price),
        new ChangeItemQuantity("apple", 3),
        new RemoveItem("apple"),
        new ClearCart(),
        new CheckOut("alice"),
        new ExpireCart(),
        new CompleteCheckout("cart-1-checkout-1"),
        new FailCheckout("cart-1-checkout-1", "payment declined"),
        new OpenAccount("Alice", "EUR"),
        new Deposit(new Money(100m, "EUR")),
        new Withdraw(new Money(20m, "EUR")),
        new PlaceHold("order-42", new Money(30m, "EUR")),
        new ReleaseHold("order-42"),
        new CaptureHold("order-42"),
        new CloseAccount(),
        new Restock(10),
        new Reserve("order-42", 2),
        new ReleaseReservation("order-42"),
        new CommitReservation("order-42"),
        new AdjustStock(-1, "damaged in storage"),
    }.ToDictionary(signal => signal.GetType());

    /// <summary>The example body of the signal type, without the <c>type</c> property (the route names the signal).</summary>
    /// <exception cref="KeyNotFoundException">A signal type without an example.</exception>
    public static JsonObject BodyOf(Type signalType) =>
        JsonSerializer.SerializeToNode(ByType[signalType], signalType, EntityJson.Options)!.AsObject();

    /// <summary>
    /// Signal name → example body, for every signal of <paramref name="entity"/>, in the order the signal type declares
    /// them (its <see cref="JsonDerivedTypeAttribute"/> list: <c>open</c> before <c>deposit</c> before <c>close</c>).
    /// </summary>
    public static IReadOnlyList<(string Signal, JsonObject Body)> For(EntityDescriptor entity) =>
        [.. entity.SignalType.GetCustomAttributes<JsonDerivedTypeAttribute>(inherit: false)
            .Select(attribute => (string)attribute.TypeDiscriminator!)
            .Where(entity.Signals.ContainsKey)
            .Select(name => (name, BodyOf(entity.Signals[name])))];
}
