using System.Net;
using EntityActors.EndToEnd.Tests.ReadModel;

namespace EntityActors.EndToEnd.Tests.BulkOperations;

/// <summary>"Expire every cart idle for more than X" through a bulk operation, on the real runtime.</summary>
[Collection(DaprCollection.Name)]
public sealed class BulkCartExpiryTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    private OperationsClient Operations => new(Api.Http);

    [Fact]
    public async Task Idle_carts_expire_while_a_busy_or_unknown_cart_is_reported_by_line()
    {
        var idle = new[] { DaprAppFixture.UniqueId("idle-cart"), DaprAppFixture.UniqueId("idle-cart") };
        foreach (var cart in idle)
        {
            await AddItemAsync(cart);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var busy = DaprAppFixture.UniqueId("busy-cart");
        await AddItemAsync(busy);
        var unknown = DaprAppFixture.UniqueId("no-cart");

        var operationId = await Operations.StartAsync("carts/bulk/expire?idleFor=PT2S", new { cartIds = new[] { idle[0], busy, unknown, idle[1] } });
        var status = await Operations.WaitForCompletionAsync(operationId, TimeSpan.FromSeconds(60));

        status["done"]!.GetValue<int>().Should().Be(2);
        status["failures"]!.AsArray().Select(f => $"{f!["line"]} {f["code"]}").Should().Equal("2 cart-not-idle", "3 entity-not-found");
        foreach (var cart in idle)
        {
            (await Api.GetAsync("carts", cart))!["state"]!["status"]!.GetValue<string>().Should().Be("expired");
        }

        (await Api.GetAsync("carts", busy))!["state"]!["status"]!.GetValue<string>().Should().Be("open");
        (await Api.GetAsync("carts", unknown)).Should().BeNull("expiring never creates a cart");
    }

    [Fact]
    public async Task Without_cart_ids_the_open_carts_the_read_model_lists_as_idle_expire()
    {
        var idle = new[] { DaprAppFixture.UniqueId("idle-cart"), DaprAppFixture.UniqueId("idle-cart") };
        foreach (var cart in idle)
        {
            var added = await Api.ApplyAsync("carts", cart, "add-item", new { sku = "sku-1", quantity = 1, unitPrice = EntityApiClient.Eur(3) }, key: "add-1");
            await Api.ListAsync("carts", $"after={added["signalId"]}&wait=10&limit=5");
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var busy = DaprAppFixture.UniqueId("busy-cart");
        await AddItemAsync(busy);

        var operationId = await Operations.StartAsync("carts/bulk/expire?idleFor=PT2S", null);
        var status = await Operations.WaitForCompletionAsync(operationId, TimeSpan.FromSeconds(60));

        status["done"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2);
        foreach (var cart in idle)
        {
            (await Api.GetAsync("carts", cart))!["state"]!["status"]!.GetValue<string>().Should().Be("expired");
        }

        (await Api.GetAsync("carts", busy))!["state"]!["status"]!.GetValue<string>().Should().Be("open");
    }

    [Fact]
    public async Task A_bulk_expiry_without_a_valid_idle_for_or_without_cart_ids_is_a_problem()
    {
        using var noIdleFor = await Operations.PostAsync("carts/bulk/expire", new { cartIds = new[] { "a" } });
        using var badIdleFor = await Operations.PostAsync("carts/bulk/expire?idleFor=-PT5M", new { cartIds = new[] { "a" } });
        using var noIdleCarts = await Operations.PostAsync("carts/bulk/expire?idleFor=P300D", null);
        using var badId = await Operations.PostAsync("carts/bulk/expire?idleFor=00:30:00", new { cartIds = new[] { "ok", "not ok" } });

        (await CodeAsync(noIdleFor, HttpStatusCode.BadRequest)).Should().Be("invalid-idle-for");
        (await CodeAsync(badIdleFor, HttpStatusCode.BadRequest)).Should().Be("invalid-idle-for");
        (await CodeAsync(noIdleCarts, HttpStatusCode.BadRequest)).Should().Be("no-lines", "no cart has been idle for 300 days");
        (await CodeAsync(badId, HttpStatusCode.BadRequest)).Should().Be("invalid-lines");
    }

    private async Task AddItemAsync(string cart) =>
        await Api.ApplyAsync("carts", cart, "add-item", new { sku = "sku-1", quantity = 1, unitPrice = EntityApiClient.Eur(3) }, key: "add-1");

    private static async Task<string> CodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return (await OperationsClient.ProblemAsync(response))["code"]!.GetValue<string>();
    }
}
