using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;
using static EntityActors.Domain.Tests.Inventory.InventorySpec;

namespace EntityActors.Domain.Tests.Inventory;

public class InventoryItemSignalValidationTests
{
    private static readonly Dictionary<string, (InventoryItemSignal Signal, string Code)> Malformed = new()
    {
        ["restock of zero"] = (new Restock(0), "invalid-quantity"),
        ["restock of a negative quantity"] = (new Restock(-1), "invalid-quantity"),
        ["restock over the quantity bound"] = (new Restock(SignalValidation.MaxQuantity + 1), "invalid-quantity"),
        ["reserve without id"] = (new Reserve("", 1), "invalid-reservation-id"),
        ["reserve with a bad id"] = (new Reserve("r#1", 1), "invalid-reservation-id"),
        ["reserve of zero"] = (new Reserve("r-1", 0), "invalid-quantity"),
        ["release without id"] = (new ReleaseReservation(null!), "invalid-reservation-id"),
        ["commit with an over-long id"] = (new CommitReservation(new string('r', SignalValidation.MaxReferenceLength + 1)), "invalid-reservation-id"),
        ["adjust by zero"] = (new AdjustStock(0, "nothing"), "invalid-delta"),
        ["adjust up past the bound"] = (new AdjustStock(SignalValidation.MaxQuantity + 1, "count"), "invalid-delta"),
        ["adjust down past the bound"] = (new AdjustStock(-SignalValidation.MaxQuantity - 1, "count"), "invalid-delta"),
        ["adjust by int.MinValue"] = (new AdjustStock(int.MinValue, "count"), "invalid-delta"),
        ["adjust without reason"] = (new AdjustStock(1, ""), "invalid-reason"),
        ["adjust with an over-long reason"] = (new AdjustStock(1, new string('r', TextValidation.MaxTextLength + 1)), "invalid-reason"),
    };

    public static TheoryData<string> MalformedSignals => [.. Malformed.Keys];

    [Theory]
    [MemberData(nameof(MalformedSignals))]
    public void A_malformed_signal_is_rejected_as_invalid_and_changes_nothing(string name)
    {
        var (signal, code) = Malformed[name];

        signal.Validate().Should().BeEquivalentTo(new { Code = code, Kind = RejectionKind.Invalid });
        Given(new Restocked(100), new StockReserved("r-1", 5)).When(signal).ThenRejects(code, RejectionKind.Invalid);
    }

    [Theory]
    [InlineData(SignalValidation.MaxQuantity)]
    [InlineData(-SignalValidation.MaxQuantity)]
    public void An_adjustment_at_the_bound_is_well_formed(int delta) =>
        new AdjustStock(delta, new string('r', TextValidation.MaxTextLength)).Validate().Should().BeNull();
}
