using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapr.Workflow;
using Dapr.Workflow.Client;
using Xunit.Abstractions;
using static EntityActors.App.Versioning.WorkflowPatches;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Versioning;

/// <summary>
/// After the deployment of <see cref="DeploymentFixture"/>: instances begun on the old build replay their old branch
/// and carry on, instances begun on the new build take the new one, and both apply every signal once.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class WorkflowPatchTests(DeploymentFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly EntityApiClient api = fixture.Api();
    private readonly Workflows workflows = new(fixture.Environment);

    [Fact]
    public async Task A_checkout_begun_before_the_deployment_finishes_stock_first_and_a_new_one_holds_payment_first()
    {
        var newShop = await Shop.OpenAsync(api, "new");
        var newCheckoutId = await newShop.CheckOutAsync(api);
        await Shop.WaitForStepAsync(api, newCheckoutId, "awaiting-approval", Patience);
        var waitingOnOldBranch = await workflows.OnOldBranchAsync(PaymentBeforeStock, "CheckoutWorkflow");

        await ApproveAsync(fixture.OldCheckoutId);
        await ApproveAsync(newCheckoutId);
        var old = await Shop.FinishedAsync(api, fixture.OldCheckoutId, Patience);
        var fresh = await Shop.FinishedAsync(api, newCheckoutId, Patience);

        Steps(old).Should().Equal("reserving-stock", "holding-payment", "awaiting-approval", "capturing-payment", "committing");
        Steps(fresh).Should().Equal("holding-payment", "reserving-stock", "awaiting-approval", "capturing-payment", "committing");
        foreach (var (shop, checkout) in new[] { (fixture.OldShop, old), (newShop, fresh) })
        {
            checkout["outcome"]!.GetValue<string>().Should().Be("completed", checkout.ToJsonString());
            await ExpectCheckedOutAsync(shop);
        }

        waitingOnOldBranch.Should().Contain($"checkouts-{fixture.OldCheckoutId}").And.NotContain($"checkouts-{newCheckoutId}");
        (await workflows.OnOldBranchAsync(PaymentBeforeStock, "CheckoutWorkflow")).Should().BeEmpty("the old checkout has finished");
        (await workflows.ReadAsync($"checkouts-{fixture.OldCheckoutId}")).Status.Should().Be(WorkflowRuntimeStatus.Completed);
        (await workflows.ReadAsync($"checkouts-{newCheckoutId}")).Status.Should().Be(WorkflowRuntimeStatus.Completed);
    }

    [Fact]
    public async Task A_generation_begun_before_the_deployment_does_not_age_until_it_ends_by_count_and_later_ones_do()
    {
        var oldInstance = $"accounts-{fixture.OldAccountId}";
        var newId = DaprAppFixture.UniqueId("new-account");
        var newInstance = $"accounts-{newId}";
        await api.ApplyAsync("accounts", newId, "open", new { owner = "New", currency = "EUR" });
        await api.ApplyAsync("accounts", newId, "deposit", new { amount = Eur(100m) });
        // The new build replays the old generation (third signal of its five) and carries on in it.
        await api.ApplyAsync("accounts", fixture.OldAccountId, "deposit", new { amount = Eur(10m) });
        var newGeneration = await workflows.GenerationAsync(newInstance);

        // Both generations grow older than the age; the next batch ends only the one begun since the patch.
        await Task.Delay(DeploymentFixture.GenerationMaxAge + TimeSpan.FromSeconds(1));
        await api.ApplyAsync("accounts", newId, "deposit", new { amount = Eur(1m) }, key: "aged");
        await api.ApplyAsync("accounts", fixture.OldAccountId, "deposit", new { amount = Eur(1m) }, key: "aged");
        await WaitUntilAsync(newInstance, generation => generation >= newGeneration + 1);
        await api.GetAsync("accounts", fixture.OldAccountId, minSequence: 4, waitSeconds: 10);
        (await workflows.GenerationAsync(oldInstance)).Should().Be(0, "a generation begun before the patch has no age limit");
        (await workflows.HistoryAsync(newInstance)).Should().NotContain(WorkflowHistoryEventType.TimerCreated, "no timer marks a generation's age");
        (await workflows.OnOldBranchAsync(GenerationMaxAge, "AccountWorkflow")).Should().Contain(oldInstance).And.NotContain(newInstance);

        // One more signal ends the old generation by count; the next one, begun on the new build, ages.
        await api.ApplyAsync("accounts", fixture.OldAccountId, "deposit", new { amount = Eur(1m) });
        await WaitUntilAsync(oldInstance, generation => generation >= 1);
        (await workflows.OnOldBranchAsync(GenerationMaxAge, "AccountWorkflow")).Should().NotContain(oldInstance);
        await Task.Delay(DeploymentFixture.GenerationMaxAge + TimeSpan.FromSeconds(1));
        await api.ApplyAsync("accounts", fixture.OldAccountId, "deposit", new { amount = Eur(1m) }, key: "aged-again");
        await WaitUntilAsync(oldInstance, generation => generation >= 2);

        // Signals keep coming while the new account's generations end by age: each is applied once.
        for (var i = 0; i < 8; i++)
        {
            await api.ApplyAsync("accounts", newId, "deposit", new { amount = Eur(1m) }, key: $"aging-{i}");
            await Task.Delay(DeploymentFixture.GenerationMaxAge / 3);
        }

        var oldAccount = (await api.GetAsync("accounts", fixture.OldAccountId, minSequence: 6, waitSeconds: 10))!;
        var newAccount = (await api.GetAsync("accounts", newId, minSequence: 11, waitSeconds: 10))!;
        (oldAccount["version"]!.GetValue<long>(), oldAccount["state"]!["balance"]!.GetValue<decimal>()).Should().Be((6, 113m));
        (newAccount["version"]!.GetValue<long>(), newAccount["state"]!["balance"]!.GetValue<decimal>()).Should().Be((11, 109m));
        (await workflows.GenerationAsync(newInstance)).Should().BeGreaterThanOrEqualTo(newGeneration + 2);
        (await workflows.ReadAsync(oldInstance)).Status.Should().Be(WorkflowRuntimeStatus.Running);
        (await workflows.ReadAsync(newInstance)).Status.Should().Be(WorkflowRuntimeStatus.Running);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        api.Http.Dispose();
        await workflows.DisposeAsync();
    }

    private static IEnumerable<string> Steps(JsonObject checkout) =>
        checkout["steps"]!.AsArray().Select(step => step!["step"]!.GetValue<string>());

    private async Task ApproveAsync(string checkoutId)
    {
        using var approve = await api.Http.PostAsJsonAsync($"checkouts/{checkoutId}/approve", new { by = "manager" });
        approve.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    private async Task ExpectCheckedOutAsync(Shop shop)
    {
        var item = (await api.GetAsync("inventory-items", shop.Sku))!;
        (item["state"]!["onHand"]!.GetValue<int>(), item["state"]!["reserved"]!.GetValue<int>()).Should().Be((Shop.Stock - Shop.Quantity, 0));
        var account = (await api.GetAsync("accounts", shop.AccountId))!;
        (account["state"]!["balance"]!.GetValue<decimal>(), account["state"]!["held"]!.GetValue<decimal>())
            .Should().Be((DeploymentFixture.Opening - Shop.Total, 0m));
        (await api.GetAsync("carts", shop.CartId))!["state"]!["status"]!.GetValue<string>().Should().Be("checked-out");
    }

    private async Task WaitUntilAsync(string instanceId, Func<long, bool> reached)
    {
        var clock = Stopwatch.StartNew();
        long generation;
        while (!reached(generation = await workflows.GenerationAsync(instanceId)))
        {
            if (clock.Elapsed > Patience)
            {
                fixture.DumpLogs(output);
                throw new TimeoutException($"{instanceId} stayed in generation {generation} for {Patience}.");
            }

            await Task.Delay(200);
        }
    }
}
