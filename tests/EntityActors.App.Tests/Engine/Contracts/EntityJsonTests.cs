using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.Domain.Inventory;

namespace EntityActors.App.Tests.Engine.Contracts;

public class EntityJsonTests
{
    [Fact]
    public void A_signal_whose_store_sorted_its_keys_still_decodes()
    {
        // As Dapr's HTTP state API or a JSONB column hands it back: the "type" discriminator no longer first.
        var signal = JsonSerializer.Deserialize<InventoryItemSignal>("""{"quantity":3,"type":"restock"}""", EntityJson.Options);

        signal.Should().Be(new Restock(3));
    }

    [Fact]
    public void A_signal_is_written_with_its_discriminator_first()
    {
        JsonSerializer.Serialize<InventoryItemSignal>(new Restock(3), EntityJson.Options).Should().Be("""{"type":"restock","quantity":3}""");
    }
}
