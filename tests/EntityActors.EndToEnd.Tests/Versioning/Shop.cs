using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Versioning;

/// <summary>A funded buyer and a cart of one stocked item, large enough to wait for approval.</summary>
public sealed record Shop(string CartId, string AccountId, string Sku)
{
    public const int Stock = 10;
    public const int Quantity = 3;
    public const decimal Price = 500m;
    public const decimal Total = Quantity * Price;

    public static async Task<Shop> OpenAsync(EntityApiClient api, string prefix)
    {
        var shop = new Shop(
            DaprAppFixture.UniqueId($"{prefix}-cart"), DaprAppFixture.UniqueId($"{prefix}-buyer"), DaprAppFixture.UniqueId($"{prefix}-sku"));
        await api.ApplyAsync("accounts", shop.AccountId, "open", new { owner = "Buyer", currency = "EUR" });
        await api.ApplyAsync("accounts", shop.AccountId, "deposit", new { amount = Eur(DeploymentFixture.Opening) });
        await api.ApplyAsync("inventory-items", shop.Sku, "restock", new { quantity = Stock });
        await api.ApplyAsync("carts", shop.CartId, "add-item", new { sku = shop.Sku, quantity = Quantity, unitPrice = Eur(Price) });
        return shop;
    }

    public async Task<string> CheckOutAsync(EntityApiClient api)
    {
        var answer = await api.ApplyAsync("carts", CartId, "check-out", new { accountId = AccountId });
        return answer["entity"]!["state"]!["activeCheckout"]!["checkoutId"]!.GetValue<string>();
    }

    public static Task<JsonObject> WaitForStepAsync(EntityApiClient api, string checkoutId, string step, TimeSpan timeout) =>
        PollAsync(api, checkoutId, checkout => checkout["step"]!.GetValue<string>() == step, timeout);

    public static Task<JsonObject> FinishedAsync(EntityApiClient api, string checkoutId, TimeSpan timeout) =>
        PollAsync(api, checkoutId, checkout => checkout["outcome"] is not null, timeout);

    private static async Task<JsonObject> PollAsync(EntityApiClient api, string checkoutId, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < timeout)
        {
            using var response = await api.Http.GetAsync($"checkouts/{checkoutId}");
            if (response.IsSuccessStatusCode)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonObject>())!["checkout"]!.AsObject();
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Checkout {checkoutId} did not get there in {timeout}; last seen: {last?.ToJsonString()}");
    }
}
