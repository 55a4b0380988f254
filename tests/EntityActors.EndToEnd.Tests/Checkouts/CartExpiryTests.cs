using System.Diagnostics;
using System.Net;

namespace EntityActors.EndToEnd.Tests.Checkouts;

/// <summary>An idle cart expires by a durable timer and refuses later signals clearly.</summary>
[Collection(DaprCollection.Name)]
public sealed class CartExpiryTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{

    [Fact]
    public async Task An_idle_cart_expires_and_then_refuses_signals()
    {
        var id = DaprAppFixture.UniqueId("idle");
        await Api.ApplyAsync("carts", id, "add-item", new { sku = "tea", quantity = 1, unitPrice = EntityApiClient.Eur(3m) });

        var clock = Stopwatch.StartNew();
        string? status = null;
        while (clock.Elapsed < DaprAppFixture.CartExpiry + TimeSpan.FromSeconds(30) && status != "expired")
        {
            await Task.Delay(250);
            status = (await Api.GetAsync("carts", id))!["state"]!["status"]!.GetValue<string>();
        }

        using var refused = await Api.SignalAsync("carts", id, "add-item", new { sku = "tea", quantity = 1, unitPrice = EntityApiClient.Eur(3m) }, waitSeconds: 15);

        status.Should().Be("expired");
        clock.Elapsed.Should().BeGreaterThan(DaprAppFixture.CartExpiry - TimeSpan.FromSeconds(1), "not before it was idle for the configured time");
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await EntityApiClient.ProblemAsync(refused);
        problem["code"]!.GetValue<string>().Should().Be("cart-not-open");
        problem["detail"]!.GetValue<string>().Should().Contain("Expired");
    }
}
