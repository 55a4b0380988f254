using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Checkouts;

/// <summary>What the checkout tests share: a shop (account, stock, a cart of lines), checking it out, waiting on the saga, and the state of every entity it touched.</summary>
public abstract class CheckoutTest(DaprAppFixture fixture, ITestOutputHelper output) : EntityApiTest(fixture)
{
    protected const decimal Opening = 1_000m;

    protected sealed record Shop(string CartId, string AccountId, IReadOnlyList<string> Skus);

    protected async Task<Shop> ShopAsync(
        int stock, (string Sku, int Quantity, decimal Price)[] lines, decimal opening = Opening, string accountPrefix = "buyer", string cartPrefix = "cart")
    {
        var cartId = DaprAppFixture.UniqueId(cartPrefix);
        var accountId = DaprAppFixture.UniqueId(accountPrefix);
        var skus = lines.Select(line => DaprAppFixture.UniqueId($"sku-{line.Sku}")).ToList();
        await Api.ApplyAsync("accounts", accountId, "open", new { owner = "Buyer", currency = "EUR" });
        await Api.ApplyAsync("accounts", accountId, "deposit", new { amount = Eur(opening) });
        for (var i = 0; i < lines.Length; i++)
        {
            await Api.ApplyAsync("inventory-items", skus[i], "restock", new { quantity = stock });
            await Api.ApplyAsync("carts", cartId, "add-item", new { sku = skus[i], quantity = lines[i].Quantity, unitPrice = Eur(lines[i].Price) });
        }

        return new Shop(cartId, accountId, skus);
    }

    protected async Task<string> CheckOutAsync(Shop shop)
    {
        var answer = await Api.ApplyAsync("carts", shop.CartId, "check-out", new { accountId = shop.AccountId });
        return answer["entity"]!["state"]!["activeCheckout"]!["checkoutId"]!.GetValue<string>();
    }

    protected async Task<JsonObject> CheckOutAndFinishAsync(Shop shop, TimeSpan? timeout = null) =>
        await FinishedAsync(await CheckOutAsync(shop), timeout);

    protected Task<JsonObject> FinishedAsync(string checkoutId, TimeSpan? timeout = null) =>
        PollAsync(checkoutId, checkout => checkout["outcome"] is not null, timeout ?? TimeSpan.FromSeconds(45));

    protected Task<JsonObject> WaitForStepAsync(string checkoutId, string step) =>
        PollAsync(checkoutId, checkout => checkout["step"]!.GetValue<string>() == step, TimeSpan.FromSeconds(30));

    private async Task<JsonObject> PollAsync(string checkoutId, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < timeout)
        {
            using var response = await Api.Http.GetAsync($"checkouts/{checkoutId}");
            if (response.IsSuccessStatusCode)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonObject>())!["checkout"]!.AsObject();
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(50);
        }

        Fixture.DumpLogs(output);
        throw new TimeoutException($"Checkout {checkoutId} did not get there in {timeout}; last seen: {last?.ToJsonString()}");
    }

    protected async Task ExpectAsync(Shop shop, int[] onHand, int reserved, decimal balance, decimal held, string cartStatus)
    {
        for (var i = 0; i < shop.Skus.Count; i++)
        {
            var item = (await Api.GetAsync("inventory-items", shop.Skus[i]))!;
            item["state"]!["onHand"]!.GetValue<int>().Should().Be(onHand[i], $"stock of {shop.Skus[i]}");
            item["state"]!["reserved"]!.GetValue<int>().Should().Be(reserved, $"reservations of {shop.Skus[i]}");
        }

        var account = (await Api.GetAsync("accounts", shop.AccountId))!;
        account["state"]!["balance"]!.GetValue<decimal>().Should().Be(balance);
        account["state"]!["held"]!.GetValue<decimal>().Should().Be(held);
        var cart = (await Api.GetAsync("carts", shop.CartId))!;
        cart["state"]!["status"]!.GetValue<string>().Should().Be(cartStatus);
    }

    protected void Timing(JsonObject checkout) =>
        output.WriteLine($"checkout {checkout["checkoutId"]}: {checkout["outcome"]} — " + string.Join(", ",
            checkout["steps"]!.AsArray().Select(step => $"{step!["step"]} {step["milliseconds"]?.GetValue<double>():0} ms")));
}
