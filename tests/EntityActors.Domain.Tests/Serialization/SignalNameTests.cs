using System.Reflection;
using System.Text.RegularExpressions;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;

namespace EntityActors.Domain.Tests.Serialization;

/// <summary>The HTTP layer routes <c>/carts/{id}/add-item</c> through ByName; these names are a public contract.</summary>
public partial class SignalNameTests
{
    [Fact]
    public void Cart_signal_names_are_the_documented_route_segments() =>
        CartSignal.ByName.Should().BeEquivalentTo(new Dictionary<string, Type>
        {
            ["add-item"] = typeof(AddItem),
            ["change-quantity"] = typeof(ChangeItemQuantity),
            ["remove-item"] = typeof(RemoveItem),
            ["clear"] = typeof(ClearCart),
            ["check-out"] = typeof(CheckOut),
            ["expire"] = typeof(ExpireCart),
            ["complete-checkout"] = typeof(CompleteCheckout),
            ["fail-checkout"] = typeof(FailCheckout),
        });

    [Fact]
    public void Account_signal_names_are_the_documented_route_segments() =>
        AccountSignal.ByName.Should().BeEquivalentTo(new Dictionary<string, Type>
        {
            ["open"] = typeof(OpenAccount),
            ["deposit"] = typeof(Deposit),
            ["withdraw"] = typeof(Withdraw),
            ["place-hold"] = typeof(PlaceHold),
            ["release-hold"] = typeof(ReleaseHold),
            ["capture-hold"] = typeof(CaptureHold),
            ["close"] = typeof(CloseAccount),
        });

    [Fact]
    public void Inventory_signal_names_are_the_documented_route_segments() =>
        InventoryItemSignal.ByName.Should().BeEquivalentTo(new Dictionary<string, Type>
        {
            ["restock"] = typeof(Restock),
            ["reserve"] = typeof(Reserve),
            ["release"] = typeof(ReleaseReservation),
            ["commit"] = typeof(CommitReservation),
            ["adjust"] = typeof(AdjustStock),
        });

    [Fact]
    public void ByName_agrees_with_the_json_discriminator_of_every_signal()
    {
        AssertNamesMatchSerializedType(CartSignal.ByName, Samples.CartSignals);
        AssertNamesMatchSerializedType(AccountSignal.ByName, Samples.AccountSignals);
        AssertNamesMatchSerializedType(InventoryItemSignal.ByName, Samples.InventorySignals);
    }

    public static TheoryData<string> PolymorphicBases =>
    [
        nameof(CartSignal), nameof(CartEvent), nameof(AccountSignal), nameof(AccountEvent), nameof(InventoryItemSignal), nameof(InventoryItemEvent),
    ];

    [Theory]
    [MemberData(nameof(PolymorphicBases))]
    public void Every_subtype_in_the_domain_is_registered_as_a_json_derived_type(string baseName)
    {
        var baseType = typeof(Cart).Assembly.GetTypes().Single(type => type.Name == baseName);
        var registered = baseType.GetCustomAttributes<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

        var subtypes = typeof(Cart).Assembly.GetTypes().Where(type => type.IsSubclassOf(baseType));

        registered.Should().BeEquivalentTo(subtypes, options => options.WithoutStrictOrdering());
        subtypes.Should().AllSatisfy(type => type.IsSealed.Should().BeTrue($"{type.Name} should be sealed"));
    }

    [Theory]
    [MemberData(nameof(PolymorphicBases))]
    public void Every_discriminator_is_kebab_case(string baseName)
    {
        var baseType = typeof(Cart).Assembly.GetTypes().Single(type => type.Name == baseName);

        var names = baseType.GetCustomAttributes<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().Select(a => a.TypeDiscriminator);

        names.Should().AllSatisfy(name => name.Should().BeOfType<string>().Which.Should().MatchRegex(KebabCase()));
    }

    [Fact]
    public void Every_signal_and_event_type_has_a_serialization_sample()
    {
        Samples.CartSignals.Values.Select(s => s.GetType()).Should().BeEquivalentTo(CartSignal.ByName.Values, options => options.WithoutStrictOrdering());
        Samples.AccountSignals.Values.Select(s => s.GetType()).Should().BeEquivalentTo(AccountSignal.ByName.Values, options => options.WithoutStrictOrdering());
        Samples.InventorySignals.Values.Select(s => s.GetType()).Should().BeEquivalentTo(InventoryItemSignal.ByName.Values, options => options.WithoutStrictOrdering());
        Samples.CartEvents.Values.Select(s => s.GetType()).Should().BeEquivalentTo(JsonDerivedTypes.ByDiscriminator<CartEvent>().Values, options => options.WithoutStrictOrdering());
        Samples.AccountEvents.Values.Select(s => s.GetType()).Should().BeEquivalentTo(JsonDerivedTypes.ByDiscriminator<AccountEvent>().Values, options => options.WithoutStrictOrdering());
        Samples.InventoryEvents.Values.Select(s => s.GetType()).Should().BeEquivalentTo(JsonDerivedTypes.ByDiscriminator<InventoryItemEvent>().Values, options => options.WithoutStrictOrdering());
    }

    [Fact]
    public void Every_sample_signal_is_well_formed()
    {
        IEnumerable<ISignal> signals = [.. Samples.CartSignals.Values, .. Samples.AccountSignals.Values, .. Samples.InventorySignals.Values];

        signals.Should().AllSatisfy(signal => signal.Validate().Should().BeNull($"{signal} is a valid sample"));
    }

    private static void AssertNamesMatchSerializedType<TBase>(IReadOnlyDictionary<string, Type> byName, IReadOnlyDictionary<string, TBase> samples)
        where TBase : class
    {
        foreach (var (name, type) in byName)
        {
            var sample = samples.Values.Single(s => s.GetType() == type);
            var document = Support.Json.Parse(Support.Json.Serialize(sample));
            document["type"]!.GetValue<string>().Should().Be(name);
        }
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();
}
