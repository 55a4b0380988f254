using System.Text.Json.Nodes;
using Dapr.DurableTask.Protobuf;

namespace EntityActors.Replay.Recorder;

/// <summary>
/// What the recorder drives, through the app's HTTP API only: every workflow type, an entity across both kinds of
/// generation boundary, and the checkout's happy path, compensation, retried step, approval and approval timeout.
/// </summary>
public static class Scenarios
{
    /// <summary>Signals per generation in the recording (the app's setting).</summary>
    public const int ContinueAsNewAfterSignals = 3;

    public static readonly TimeSpan GenerationMaxAge = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CartExpiry = TimeSpan.FromSeconds(3);

    /// <summary>Lines per chunk (child workflow) of a bulk operation, and per activity of a chunk, in the recording.</summary>
    public const int OperationChunkLines = 2;
    public const int OperationLinesPerActivity = 1;

    /// <summary>The scenarios a build records: the current one all, the baseline those that show the patches' old branches.</summary>
    public static IEnumerable<(string Name, Func<Recording, Task> Run)> For(string build) => build == AppBuild.Current
        ?
        [
            ("account-generations", AccountGenerationsAsync),
            ("checkout-happy-path", HappyPathAsync),
            ("checkout-compensation", CompensationAsync),
            ("checkout-step-retried", StepRetriedAsync),
            ("checkout-approved", ApprovedAsync),
            ("checkout-approval-timeout", ApprovalTimeoutAsync),
            ("checkout-commit-refused", CommitRefusedAsync),
            ("checkout-step-refused", StepRefusedAsync),
            ("cart-idle-expiry", CartExpiryAsync),
            ("bulk-restock", BulkRestockAsync),
        ]
        :
        [
            ("account-generations", AccountAfterContinueAsNewAsync),
            ("checkout-happy-path", HappyPathAsync),
            ("checkout-approved", ApprovedAsync),
        ];

    /// <summary>
    /// An account's generation that began by continuing as new after <see cref="ContinueAsNewAfterSignals"/> signals,
    /// handled one more, grew older than <see cref="GenerationMaxAge"/> and ended with the next batch it took, followed by
    /// the generation that began there: both in one file, with the first one's ending.
    /// </summary>
    private static async Task AccountGenerationsAsync(Recording recording)
    {
        const string Scenario = "account-generations";
        var (id, instanceId) = await AccountPastOneGenerationAsync(recording);
        var started = (await recording.Instances.HistoryAsync(instanceId))[0].Timestamp.ToDateTime();
        var aged = started + GenerationMaxAge + TimeSpan.FromSeconds(1) - DateTime.UtcNow;
        if (aged > TimeSpan.Zero)
        {
            await Task.Delay(aged);
        }

        var first = await recording.Instances.HistoryAsync(instanceId);
        EnsureGeneration(first, 1, instanceId);
        var handled = Recording.Sequence(await recording.Instances.WaitForStatusAsync(instanceId, _ => true));
        await recording.Api.SignalAsync("accounts", id, "deposit", new { amount = Eur(1m) });
        await recording.Instances.WaitForStatusAsync(instanceId, view => Recording.Generation(view) >= 2);
        var second = await recording.Instances.HistoryAsync(instanceId);
        EnsureGeneration(second, 2, instanceId);
        var ending = await recording.EndingAsync(instanceId, first.Last(e => e.EventRaised is not null).EventRaised.Name, handled, second);
        recording.Histories.Add(new RecordedHistory(
            Scenario,
            $"accounts/{id}: generation 1 (begun after {ContinueAsNewAfterSignals} signals, one more signal, older than {GenerationMaxAge:c}, " +
            "ended by the next signal's batch) and generation 2",
            recording.Build, instanceId, [first, second], [ending]));
    }

    /// <summary>The baseline has no age limit: its account's generation 1, begun by continuing as new after its signals.</summary>
    private static async Task AccountAfterContinueAsNewAsync(Recording recording)
    {
        var (id, instanceId) = await AccountPastOneGenerationAsync(recording);
        var history = await recording.Instances.HistoryAsync(instanceId);
        EnsureGeneration(history, 1, instanceId);
        recording.Histories.Add(new RecordedHistory(
            "account-generations", $"accounts/{id}: generation 1 (begun after {ContinueAsNewAfterSignals} signals), one more signal",
            recording.Build, instanceId, [history]));
    }

    private static async Task<(string Id, string InstanceId)> AccountPastOneGenerationAsync(Recording recording)
    {
        var id = Recording.NewId("account");
        var instanceId = $"accounts-{id}";
        await recording.Api.SignalAsync("accounts", id, "open", new { owner = "Ada", currency = "EUR" });
        await recording.Api.SignalAsync("accounts", id, "deposit", new { amount = Eur(100m) });
        await recording.Api.SignalAsync("accounts", id, "deposit", new { amount = Eur(5m) });
        await recording.Instances.WaitForStatusAsync(instanceId, view => Recording.Generation(view) >= 1);
        await recording.Api.SignalAsync("accounts", id, "withdraw", new { amount = Eur(20m) });
        await recording.Instances.WaitForStatusAsync(instanceId, view => Recording.Sequence(view) >= 4);
        return (id, instanceId);
    }

    private static async Task HappyPathAsync(Recording recording)
    {
        const string Scenario = "checkout-happy-path";
        var shop = await Shop.OpenAsync(recording, [("a", 2, 10m), ("b", 1, 5m)]);
        var checkoutId = await recording.Api.CheckOutAsync(shop.CartId, shop.AccountId);
        await recording.Api.WaitForCheckoutAsync(checkoutId, c => c["outcome"] is not null);
        await recording.RecordCheckoutAsync(Scenario, "two lines, no approval needed: completed", checkoutId);
        await recording.RecordEntityAsync(Scenario, "the cart: items added, checked out, checkout completed", "carts", shop.CartId);
        await recording.RecordEntityAsync(Scenario, "a line's stock: restocked, reserved, committed", "inventory-items", shop.Skus[0]);
    }

    private static async Task CompensationAsync(Recording recording)
    {
        var shop = await Shop.OpenAsync(recording, [("a", 2, 1m), ("b", 11, 1m)]);
        var checkoutId = await recording.Api.CheckOutAsync(shop.CartId, shop.AccountId);
        await recording.Api.WaitForCheckoutAsync(checkoutId, c => c["outcome"] is not null);
        await recording.RecordCheckoutAsync("checkout-compensation", "the second line is out of stock: reservations and hold released, cart told", checkoutId);
    }

    private static async Task StepRetriedAsync(Recording recording)
    {
        // The recording app fails the first two place-hold attempts of accounts whose id starts with "flaky-".
        var shop = await Shop.OpenAsync(recording, [("a", 1, 50m)], accountPrefix: "flaky");
        var checkoutId = await recording.Api.CheckOutAsync(shop.CartId, shop.AccountId);
        await recording.Api.WaitForCheckoutAsync(checkoutId, c => c["outcome"] is not null);
        await recording.RecordCheckoutAsync("checkout-step-retried", "place-hold fails twice and is retried: completed", checkoutId);
    }

    private static async Task ApprovedAsync(Recording recording)
    {
        var shop = await Shop.OpenAsync(recording, [("a", 3, 500m)], opening: 2_000m);
        var checkoutId = await recording.Api.CheckOutAsync(shop.CartId, shop.AccountId);
        await recording.Api.WaitForCheckoutAsync(checkoutId, c => c["step"]!.GetValue<string>() == "awaiting-approval");
        await recording.Api.ApproveAsync(checkoutId);
        await recording.RecordCheckoutAsync("checkout-approved", "a large order waits for approval, is approved and completes", checkoutId);
    }

    private static async Task CommitRefusedAsync(Recording recording)
    {
        var shop = await Shop.OpenAsync(recording, [("a", 3, 500m)], opening: 2_000m);
        var checkoutId = await recording.Api.CheckOutAsync(shop.CartId, shop.AccountId);
        await recording.Api.WaitForCheckoutAsync(checkoutId, c => c["step"]!.GetValue<string>() == "awaiting-approval");
        // While the checkout waits, a client releases its hold and its reservation: past the pivot both commits are refused.
        await recording.Api.SignalAsync("accounts", shop.AccountId, "release-hold", new { holdId = checkoutId });
        await recording.Api.SignalAsync("inventory-items", shop.Skus[0], "release", new { reservationId = checkoutId });
        await recording.Api.ApproveAsync(checkoutId);
        await recording.RecordCheckoutAsync("checkout-commit-refused", "the hold and reservation are released while it waits: the commits are refused, it needs attention", checkoutId);
    }

    private static async Task StepRefusedAsync(Recording recording)
    {
        var shop = await Shop.OpenAsync(recording, [("a", 1, 20m)]);
        var checkoutId = $"{shop.CartId}-checkout-1";
        // A client placed a hold under the checkout's id: the checkout's own is refused, and that one is not released.
        await recording.Api.SignalAsync("accounts", shop.AccountId, "place-hold", new { holdId = checkoutId, amount = new { amount = 60m, currency = "EUR" } });
        await recording.Api.CheckOutAsync(shop.CartId, shop.AccountId);
        await recording.Api.WaitForCheckoutAsync(checkoutId, c => c["outcome"] is not null);
        await recording.RecordCheckoutAsync("checkout-step-refused", "its hold is refused (one of its id is there): failed, nothing undone", checkoutId);
    }

    private static async Task ApprovalTimeoutAsync(Recording recording)
    {
        var shop = await Shop.OpenAsync(recording, [("a", 3, 500m)], opening: 2_000m);
        var checkoutId = await recording.Api.CheckOutAsync(shop.CartId, shop.AccountId);
        await recording.Api.WaitForCheckoutAsync(checkoutId, c => c["outcome"] is not null);
        await recording.RecordCheckoutAsync(
            "checkout-approval-timeout", "a large order waits for approval, escalates, times out and is undone", checkoutId);
    }

    private static async Task CartExpiryAsync(Recording recording)
    {
        var cartId = Recording.NewId("cart");
        await recording.Api.SignalAsync("carts", cartId, "add-item", new { sku = "sku-1", quantity = 1, unitPrice = Eur(3m) });
        await recording.Instances.WaitForStatusAsync(
            $"carts-{cartId}", view => view["state"]?["status"]?.GetValue<string>() == "expired", CartExpiry * 10);
        await recording.RecordEntityAsync("cart-idle-expiry", "an open cart left idle sends itself expire", "carts", cartId);
    }

    private static async Task BulkRestockAsync(Recording recording)
    {
        const string Scenario = "bulk-restock";
        var items = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var sku = Recording.NewId("bulk");
            await recording.Api.SignalAsync("inventory-items", sku, "restock", new { quantity = 1 });
            items.Add(sku);
        }

        // Six lines: three chunks of two lines, each chunk two activities; the children start two at a time.
        var operationId = await recording.Api.StartOperationAsync(
            "inventory-items/bulk/restock", items.Concat(items).Select(sku => new { id = sku, quantity = 2 }).ToArray());
        var instanceId = $"operations-{operationId}";
        await recording.RecordCompletedAsync(Scenario, "six restock lines in three chunks, two children at a time: completed", instanceId);
        await recording.RecordCompletedAsync(Scenario, "a chunk of two lines, one activity each: completed", $"{instanceId}-chunk-0");
    }

    private static void EnsureGeneration(IReadOnlyList<HistoryEvent> history, long generation, string instanceId)
    {
        var input = history.First(e => e.ExecutionStarted is not null).ExecutionStarted.Input;
        var recorded = JsonNode.Parse(input)?["generation"]?.GetValue<long>();
        if (recorded != generation)
        {
            throw new InvalidOperationException(
                $"{instanceId}: expected generation {generation}, read {recorded} (the machine was slower than the scenario's timing; record again).");
        }
    }

    private static object Eur(decimal amount) => new { amount, currency = "EUR" };
}
