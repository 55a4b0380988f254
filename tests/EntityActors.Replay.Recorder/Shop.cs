namespace EntityActors.Replay.Recorder;

/// <summary>A funded buyer, stocked items and a cart holding them.</summary>
public sealed record Shop(string CartId, string AccountId, IReadOnlyList<string> Skus)
{
    private const int Stock = 10;

    public static async Task<Shop> OpenAsync(
        Recording recording, (string Sku, int Quantity, decimal Price)[] lines, decimal opening = 1_000m, string accountPrefix = "buyer")
    {
        var shop = new Shop(Recording.NewId("cart"), Recording.NewId(accountPrefix), [.. lines.Select(line => Recording.NewId($"sku-{line.Sku}"))]);
        await recording.Api.SignalAsync("accounts", shop.AccountId, "open", new { owner = "Buyer", currency = "EUR" });
        await recording.Api.SignalAsync("accounts", shop.AccountId, "deposit", new { amount = new { amount = opening, currency = "EUR" } });
        for (var i = 0; i < lines.Length; i++)
        {
            await recording.Api.SignalAsync("inventory-items", shop.Skus[i], "restock", new { quantity = Stock });
            await recording.Api.SignalAsync("carts", shop.CartId, "add-item",
                new { sku = shop.Skus[i], quantity = lines[i].Quantity, unitPrice = new { amount = lines[i].Price, currency = "EUR" } });
        }

        return shop;
    }
}
