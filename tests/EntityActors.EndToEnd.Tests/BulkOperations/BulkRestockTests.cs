using System.Diagnostics;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.BulkOperations;

/// <summary>Bulk restock through a parent workflow and bounded children, on the real runtime.</summary>
[Collection(DaprCollection.Name)]
public sealed class BulkRestockTests(DaprAppFixture fixture, ITestOutputHelper output) : EntityApiTest(fixture)
{
    private const string Path = "inventory-items/bulk/restock";

    private OperationsClient Operations => new(Api.Http);

    [Fact]
    public async Task A_bulk_restock_applies_every_line_once_and_reports_unknown_items_by_line()
    {
        var items = await CreateItemsAsync("bulk", 12);
        var unknown = DaprAppFixture.UniqueId("never-stocked");
        var lines = Lines(items, 300).Select(line => line.Number is 120 or 251 ? line with { Id = unknown } : line).ToList();
        var key = $"restock-{Guid.NewGuid():N}";

        var operationId = await Operations.StartAsync(Path, Body(lines), key);
        var status = await Operations.WaitForCompletionAsync(operationId, TimeSpan.FromSeconds(120));

        status["total"]!.GetValue<int>().Should().Be(300);
        status["done"]!.GetValue<int>().Should().Be(298);
        status["failed"]!.GetValue<int>().Should().Be(2);
        status["pending"]!.GetValue<int>().Should().Be(0);
        status["chunks"]!.GetValue<int>().Should().Be(300 / DaprAppFixture.OperationChunkLines);
        status["failures"]!.AsArray().Select(f => $"{f!["line"]} {f["entityId"]} {f["code"]}")
            .Should().Equal($"120 {unknown} entity-not-found", $"251 {unknown} entity-not-found");
        await ExpectStockAsync(items, lines);
        (await Api.GetAsync("inventory-items", unknown)).Should().BeNull("a bulk line never creates an item");

        // The same request again is the same operation: nothing is applied twice.
        using var again = await Operations.PostAsync(Path, Body(lines), key);
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await OperationsClient.ProblemAsync(again))["operationId"]!.GetValue<string>().Should().Be(operationId);
        await ExpectStockAsync(items, lines);

        // The same key with other lines is refused.
        using var reused = await Operations.PostAsync(Path, Body(lines.Take(10).ToList()), key);
        reused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await OperationsClient.ProblemAsync(reused))["code"]!.GetValue<string>().Should().Be("idempotency-key-reused");

        // Failures page.
        var first = await Operations.GetAsync(operationId, "?limit=1");
        first["failures"]!.AsArray().Select(f => f!["line"]!.GetValue<int>()).Should().Equal(120);
        var next = first["nextFailures"]!.GetValue<string>();
        var second = await Operations.GetAsync(operationId, next[(next.IndexOf('?', StringComparison.Ordinal))..]);
        second["failures"]!.AsArray().Select(f => f!["line"]!.GetValue<int>()).Should().Equal(251);
        second["nextFailures"].Should().BeNull();
    }

    [Fact]
    public async Task Bulk_restock_resumes_after_the_app_is_killed_mid_operation_and_applies_every_line_exactly_once()
    {
        var items = await CreateItemsAsync("bulk-kill", 20);
        var lines = Lines(items, 1_000);
        var started = Stopwatch.StartNew();

        var operationId = await Operations.StartAsync(Path, Body(lines));
        var before = await Operations.WaitUntilAsync(operationId, s => s["done"]!.GetValue<int>() >= 100, TimeSpan.FromSeconds(120));
        await Fixture.Environment.KillAppAsync();
        await Fixture.Environment.RestartAppAsync();
        var status = await Operations.WaitForCompletionAsync(operationId, TimeSpan.FromSeconds(240));
        output.WriteLine($"killed at {before["done"]} done / {before["chunksFinished"]} chunks; completed after {started.Elapsed.TotalSeconds:0.0} s");

        before["status"]!.GetValue<string>().Should().Be("running", "the app was killed mid-operation");
        status["done"]!.GetValue<int>().Should().Be(1_000);
        status["failed"]!.GetValue<int>().Should().Be(0);
        await ExpectStockAsync(items, lines);
    }

    [Fact]
    public async Task An_item_erased_between_its_lines_guard_and_their_send_stays_erased_and_they_fail_as_not_found()
    {
        // The fixture holds every restock of an "erase-race-" item for 2 s after its guard has passed.
        var erased = (await CreateItemsAsync("erase-race", 1))[0];
        var kept = (await CreateItemsAsync("bulk-kept", 1))[0];
        var lines = Lines([erased, kept], 40);

        var operationId = await Operations.StartAsync(Path, Body(lines));
        await WaitForLogAsync("Injected delay before restock", $"inventory-items/{erased}");
        using (var deleted = await Api.Http.DeleteAsync($"inventory-items/{erased}"))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var status = await Operations.WaitForCompletionAsync(operationId, TimeSpan.FromSeconds(120));

        (await Api.GetAsync("inventory-items", erased)).Should().BeNull("a bulk line never creates an item, also one erased after its guard passed");
        (status["done"]!.GetValue<int>(), status["failed"]!.GetValue<int>()).Should().Be((20, 20));
        status["failures"]!.AsArray().Should().HaveCount(20).And.OnlyContain(failure =>
            (string?)failure!["entityId"] == erased && (string?)failure["code"] == "entity-not-found" && ((string?)failure["reason"])!.Contains("when its writer takes the signal"));
        await ExpectStockAsync([kept], lines);
    }

    private async Task WaitForLogAsync(params string[] parts)
    {
        var clock = Stopwatch.StartNew();
        while (!Fixture.LogLines.Any(line => parts.All(part => line.Contains(part, StringComparison.Ordinal))))
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), $"the app should log a line with {string.Join(" and ", parts)}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Bad_bulk_requests_are_problems_naming_the_bad_lines_and_start_nothing()
    {
        var item = (await CreateItemsAsync("bulk-bad", 1))[0];
        object[] lines =
        [
            new { id = item, quantity = 5 },
            new { id = item, quantity = 0 },
            new { id = "no spaces", quantity = 1 },
            new { id = item, quantity = 1, colour = "red" },
            "not an object",
        ];

        using var invalid = await Operations.PostAsync(Path, lines);
        using var empty = await Operations.PostAsync(Path, Array.Empty<object>());
        using var tooMany = await Operations.PostAsync(Path, Enumerable.Range(0, 10_001).Select(_ => new { id = item, quantity = 1 }).ToArray());
        using var notJson = await Api.Http.PostAsync(Path, new StringContent("id,quantity", Encoding.UTF8, "text/csv"));
        using var unknownOperation = await Api.Http.GetAsync($"operations/{Guid.NewGuid():N}");

        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await OperationsClient.ProblemAsync(invalid);
        problem["code"]!.GetValue<string>().Should().Be("invalid-lines");
        problem["lines"]!.AsArray().Select(l => $"{l!["line"]} {l["code"]}")
            .Should().Equal("2 invalid-quantity", "3 invalid-entity-id", "4 invalid-signal", "5 invalid-line");
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OperationsClient.ProblemAsync(empty))["code"]!.GetValue<string>().Should().Be("no-lines");
        tooMany.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await OperationsClient.ProblemAsync(tooMany))["code"]!.GetValue<string>().Should().Be("too-many-lines");
        notJson.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        unknownOperation.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Api.GetAsync("inventory-items", item))!["state"]!["onHand"]!.GetValue<int>().Should().Be(1, "no line of a refused request is applied");
    }

    private async Task<List<string>> CreateItemsAsync(string prefix, int count)
    {
        var items = Enumerable.Range(0, count).Select(_ => DaprAppFixture.UniqueId(prefix)).ToList();
        await Task.WhenAll(items.Select(id => Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "seed")));
        return items;
    }

    /// <summary>Line n restocks item n mod count by 1 + n mod 7.</summary>
    private static List<Line> Lines(IReadOnlyList<string> items, int count) =>
        [.. Enumerable.Range(1, count).Select(n => new Line(n, items[n % items.Count], 1 + (n % 7)))];

    private static object[] Body(IEnumerable<Line> lines) => [.. lines.Select(line => new { id = line.Id, quantity = line.Quantity })];

    private async Task ExpectStockAsync(IReadOnlyList<string> items, IReadOnlyList<Line> lines)
    {
        foreach (var item in items)
        {
            var mine = lines.Where(line => line.Id == item).ToList();
            var view = await Api.GetAsync("inventory-items", item, minSequence: 1 + mine.Count, waitSeconds: 30);
            view!["state"]!["onHand"]!.GetValue<int>().Should().Be(1 + mine.Sum(line => line.Quantity), $"every line for {item} applied exactly once");
            view["version"]!.GetValue<long>().Should().Be(1 + mine.Count, $"one accepted signal per line for {item}");
        }
    }

    private sealed record Line(int Number, string Id, int Quantity);
}
