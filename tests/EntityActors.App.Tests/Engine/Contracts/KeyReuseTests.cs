using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Tests.Engine.Contracts;

public class KeyReuseTests
{
    private static readonly SignalReceipt FirstRestock = new(
        "inventory-items-i-1:1", "inventory-items", "i-1", "k-1", "restock", 1, DateTimeOffset.UnixEpoch, Duplicate: true, KeyReused: true);

    [Fact]
    public void A_key_reused_for_another_signal_names_both_signals_and_not_the_body()
    {
        var detail = KeyReuse.Describe(FirstRestock, "reserve");

        detail.Should().Be("Key 'k-1' was first used for another signal: 'restock' #1, not 'reserve'");
    }

    [Fact]
    public void A_key_reused_for_the_same_signal_says_the_body_differs()
    {
        var detail = KeyReuse.Describe(FirstRestock, "restock");

        detail.Should().Be("Key 'k-1' was first used for signal 'restock' #1 with another body");
    }
}
