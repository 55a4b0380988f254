using System.Text.Json;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;
using EntityActors.Domain.Tests.Support;

namespace EntityActors.Domain.Tests.Serialization;

/// <summary>Signals arrive as JSON, events are published as JSON, and state is stored as JSON in workflow state.</summary>
public class JsonRoundTripTests
{
    public static TheoryData<string> CartSignalNames => [.. Samples.CartSignals.Keys];

    public static TheoryData<string> CartEventNames => [.. Samples.CartEvents.Keys];

    public static TheoryData<string> AccountSignalNames => [.. Samples.AccountSignals.Keys];

    public static TheoryData<string> AccountEventNames => [.. Samples.AccountEvents.Keys];

    public static TheoryData<string> InventorySignalNames => [.. Samples.InventorySignals.Keys];

    public static TheoryData<string> InventoryEventNames => [.. Samples.InventoryEvents.Keys];

    public static TheoryData<string> CartStateNames => [.. Samples.CartStates.Keys];

    public static TheoryData<string> AccountStateNames => [.. Samples.AccountStates.Keys];

    public static TheoryData<string> InventoryStateNames => [.. Samples.InventoryStates.Keys];

    [Theory]
    [MemberData(nameof(CartSignalNames))]
    public void Cart_signal_round_trips_with_its_type_discriminator(string name) =>
        AssertPolymorphicRoundTrip(Samples.CartSignals[name], name);

    [Theory]
    [MemberData(nameof(CartEventNames))]
    public void Cart_event_round_trips_with_its_type_discriminator(string name) =>
        AssertPolymorphicRoundTrip(Samples.CartEvents[name], name);

    [Theory]
    [MemberData(nameof(AccountSignalNames))]
    public void Account_signal_round_trips_with_its_type_discriminator(string name) =>
        AssertPolymorphicRoundTrip(Samples.AccountSignals[name], name);

    [Theory]
    [MemberData(nameof(AccountEventNames))]
    public void Account_event_round_trips_with_its_type_discriminator(string name) =>
        AssertPolymorphicRoundTrip(Samples.AccountEvents[name], name);

    [Theory]
    [MemberData(nameof(InventorySignalNames))]
    public void Inventory_signal_round_trips_with_its_type_discriminator(string name) =>
        AssertPolymorphicRoundTrip(Samples.InventorySignals[name], name);

    [Theory]
    [MemberData(nameof(InventoryEventNames))]
    public void Inventory_event_round_trips_with_its_type_discriminator(string name) =>
        AssertPolymorphicRoundTrip(Samples.InventoryEvents[name], name);

    [Theory]
    [MemberData(nameof(CartSignalNames))]
    public void Cart_signal_body_without_discriminator_binds_to_the_type_named_in_the_route(string name) =>
        AssertConcreteRoundTrip(Samples.CartSignals[name], CartSignal.ByName[name]);

    [Theory]
    [MemberData(nameof(AccountSignalNames))]
    public void Account_signal_body_without_discriminator_binds_to_the_type_named_in_the_route(string name) =>
        AssertConcreteRoundTrip(Samples.AccountSignals[name], AccountSignal.ByName[name]);

    [Theory]
    [MemberData(nameof(InventorySignalNames))]
    public void Inventory_signal_body_without_discriminator_binds_to_the_type_named_in_the_route(string name) =>
        AssertConcreteRoundTrip(Samples.InventorySignals[name], InventoryItemSignal.ByName[name]);

    [Theory]
    [MemberData(nameof(CartStateNames))]
    public void Cart_state_round_trips(string name) => AssertStateRoundTrip(Samples.CartStates[name]);

    [Theory]
    [MemberData(nameof(AccountStateNames))]
    public void Account_state_round_trips(string name) => AssertStateRoundTrip(Samples.AccountStates[name]);

    [Theory]
    [MemberData(nameof(InventoryStateNames))]
    public void Inventory_state_round_trips(string name) => AssertStateRoundTrip(Samples.InventoryStates[name]);

    [Fact]
    public void Cart_state_json_is_camel_case_with_kebab_case_status()
    {
        var json = Json.Parse(Json.Serialize(Samples.CartStates["checking-out"]));

        json["status"]!.GetValue<string>().Should().Be("checking-out");
        json["items"]![0]!["unitPrice"]!["amount"]!.GetValue<decimal>().Should().Be(12.34m);
        json["activeCheckout"]!["checkoutId"]!.GetValue<string>().Should().Be("cart-1-checkout-2");
        json["total"]!["amount"]!.GetValue<decimal>().Should().Be(37.52m, "computed values are written for readers of the state");
    }

    [Fact]
    public void Account_state_json_writes_status_and_holds_readably()
    {
        var json = Json.Parse(Json.Serialize(Samples.AccountStates["open-with-holds"]));

        json["status"]!.GetValue<string>().Should().Be("open");
        json["holds"]!["hold-1"]!.GetValue<decimal>().Should().Be(20m);
        json["available"]!.GetValue<decimal>().Should().Be(129.50m);
    }

    public static TheoryData<string> AllSignalNames =>
        [.. CartSignal.ByName.Keys.Select(name => $"carts/{name}"),
         .. AccountSignal.ByName.Keys.Select(name => $"accounts/{name}"),
         .. InventoryItemSignal.ByName.Keys.Select(name => $"inventory-items/{name}")];

    [Theory]
    [MemberData(nameof(AllSignalNames))]
    public void An_empty_body_binds_to_a_signal_that_validates_as_invalid_or_needs_no_data(string route)
    {
        var (kind, name) = (route.Split('/')[0], route.Split('/')[1]);
        var type = kind switch
        {
            "carts" => CartSignal.ByName[name],
            "accounts" => AccountSignal.ByName[name],
            _ => InventoryItemSignal.ByName[name],
        };

        var signal = (ISignal)JsonSerializer.Deserialize("{}", type, Json.Web)!;
        var rejection = signal.Validate();

        var nullability = new System.Reflection.NullabilityInfoContext();
        if (type.GetProperties().All(property => nullability.Create(property).WriteState == System.Reflection.NullabilityState.Nullable))
        {
            rejection.Should().BeNull("{0} carries no data it needs", name);
        }
        else
        {
            rejection.Should().NotBeNull("{0} without its data is malformed", name);
            rejection!.Kind.Should().Be(RejectionKind.Invalid);
        }
    }

    [Fact]
    public void A_status_written_as_a_number_is_refused_rather_than_guessed()
    {
        var act = () => Json.Deserialize<CartState>("""{"status":1,"items":[]}""");

        act.Should().Throw<JsonException>();
    }

    [Fact]
    public void A_signal_with_an_unknown_type_is_refused()
    {
        var act = () => Json.Deserialize<CartSignal>("""{"type":"steal","sku":"x"}""");

        act.Should().Throw<JsonException>();
    }

    private static void AssertPolymorphicRoundTrip<TBase>(TBase sample, string name)
        where TBase : class
    {
        var json = Json.Serialize(sample);
        var document = Json.Parse(json);

        document.First().Key.Should().Be("type", "System.Text.Json reads the discriminator only as the first property");
        document["type"]!.GetValue<string>().Should().Be(name);
        Json.PropertyNames(document).Should().AllSatisfy(property => char.IsLower(property[0]).Should().BeTrue($"'{property}' should be camelCase"));

        var back = Json.Deserialize<TBase>(json);

        back.Should().BeOfType(sample.GetType());
        AssertSameValues(back, sample);
        Json.Serialize(back).Should().Be(json);
    }

    private static void AssertConcreteRoundTrip(object sample, Type routeType)
    {
        routeType.Should().Be(sample.GetType());
        var document = Json.Parse(JsonSerializer.Serialize(sample, routeType, Json.Web));
        document.Remove("type");

        var back = JsonSerializer.Deserialize(document.ToJsonString(), routeType, Json.Web);

        back.Should().BeOfType(routeType);
        AssertSameValues(back!, sample);
    }

    private static void AssertStateRoundTrip<TState>(TState sample)
        where TState : class
    {
        var json = Json.Serialize(sample);

        var back = Json.Deserialize<TState>(json);

        back.Should().BeEquivalentTo(sample);
        Json.Serialize(back).Should().Be(json);
    }

    private static void AssertSameValues(object actual, object expected)
    {
        // Memberless records (clear, close, ...) have nothing to compare beyond their type, which is checked above.
        if (expected.GetType().GetProperties().Length > 0)
        {
            actual.Should().BeEquivalentTo(expected);
        }
    }
}
