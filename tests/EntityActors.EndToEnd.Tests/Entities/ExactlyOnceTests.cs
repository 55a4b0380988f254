using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static EntityActors.EndToEnd.Tests.EntityApiClient;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>Acknowledged signals are applied exactly once: duplicates, races, long streams across continue-as-new.</summary>
[Collection(DaprCollection.Name)]
public sealed class ExactlyOnceTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{

    [Fact]
    public async Task A_repeated_idempotency_key_returns_the_original_outcome_and_changes_nothing()
    {
        var id = DaprAppFixture.UniqueId("dup");
        await Api.ApplyAsync("accounts", id, "open", new { owner = "Dee", currency = "EUR" });
        var first = await Api.ApplyAsync("accounts", id, "deposit", new { amount = Eur(10) }, key: "deposit-once");

        using var again = await Api.SignalAsync("accounts", id, "deposit", new { amount = Eur(10) }, key: "deposit-once", waitSeconds: 15);
        using var asReceipt = await Api.SignalAsync("accounts", id, "deposit", new { amount = Eur(10) }, key: "deposit-once");

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        var replayed = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        replayed["signalId"]!.GetValue<string>().Should().Be(first["signalId"]!.GetValue<string>());
        replayed["version"]!.GetValue<long>().Should().Be(first["version"]!.GetValue<long>());
        replayed["duplicate"]!.GetValue<bool>().Should().BeTrue();
        asReceipt.StatusCode.Should().Be(HttpStatusCode.Accepted);
        JsonNode.Parse(await asReceipt.Content.ReadAsStringAsync())!["sequence"]!.GetValue<long>().Should().Be(2);
        var account = await Api.GetAsync("accounts", id);
        account!["state"]!["balance"]!.GetValue<decimal>().Should().Be(10);
        account["sequence"]!.GetValue<long>().Should().Be(2);
        Fixture.LogLines.Should().Contain(
            line => line.Contains("refuses a blind insert of an existing key atomically: True", StringComparison.Ordinal),
            "SQLite refuses a first-write of an existing key and rolls the turn back, so the repeats above were caught by the store, not by a read");
    }

    [Fact]
    public async Task A_key_reused_for_a_different_body_or_signal_is_refused_naming_what_differs()
    {
        var id = DaprAppFixture.UniqueId("reuse");
        await Api.ApplyAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "k-1");

        using var otherBody = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 2 }, key: "k-1", waitSeconds: 5);
        using var otherSignal = await Api.SignalAsync("inventory-items", id, "reserve", new { reservationId = "r-1", quantity = 1 }, key: "k-1", waitSeconds: 5);

        otherSignal.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var signalProblem = await ProblemAsync(otherSignal);
        signalProblem["code"]!.GetValue<string>().Should().Be("idempotency-key-reused");
        signalProblem["detail"]!.GetValue<string>().Should().Contain("another signal: 'restock' #1, not 'reserve'").And.NotContain("body");
        otherBody.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var bodyProblem = await ProblemAsync(otherBody);
        bodyProblem["code"]!.GetValue<string>().Should().Be("idempotency-key-reused");
        bodyProblem["detail"]!.GetValue<string>().Should().Contain("signal 'restock' #1 with another body");
        (await Api.GetAsync("inventory-items", id))!["state"]!["onHand"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Twenty_concurrent_first_signals_create_one_entity_with_all_twenty_applied()
    {
        var id = DaprAppFixture.UniqueId("race");
        using var start = new SemaphoreSlim(0);
        var senders = Enumerable.Range(1, 20).Select(async n =>
        {
            await start.WaitAsync();
            using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = n }, key: $"first-{n}");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(20);

        var answers = await Task.WhenAll(senders);

        answers.Should().OnlyContain(answer => answer.StatusCode == HttpStatusCode.Accepted, string.Join("\n", answers.Select(a => a.Body)));
        answers.Select(answer => JsonNode.Parse(answer.Body)!["sequence"]!.GetValue<long>()).Should().BeEquivalentTo(Enumerable.Range(1, 20).Select(n => (long)n));
        var item = await Api.GetAsync("inventory-items", id, minSequence: 20, waitSeconds: 20);
        item!["version"]!.GetValue<long>().Should().Be(20);
        item["state"]!["onHand"]!.GetValue<int>().Should().Be(Enumerable.Range(1, 20).Sum());
    }

    [Fact]
    public async Task Five_hundred_signals_across_several_continue_as_new_cycles_are_each_applied_once()
    {
        var id = DaprAppFixture.UniqueId("long");
        const int Signals = 500;
        await Parallel.ForEachAsync(
            Enumerable.Range(1, Signals),
            new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (n, cancellationToken) =>
            {
                using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = n }, key: $"s-{n}", cancellationToken: cancellationToken);
                response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            });
        // A few client retries of already acknowledged signals must change nothing.
        foreach (var n in new[] { 1, 250, 500 })
        {
            using var retry = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = n }, key: $"s-{n}");
            retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var item = await Api.GetAsync("inventory-items", id, minSequence: Signals, waitSeconds: 60);

        item!["version"]!.GetValue<long>().Should().Be(Signals);
        item["sequence"]!.GetValue<long>().Should().Be(Signals);
        item["state"]!["onHand"]!.GetValue<int>().Should().Be(Signals * (Signals + 1) / 2, "every quantity once, none lost, none doubled");
        // The workflow, the entity's durable holder, applies the same envelopes to the same result, in every generation.
        var view = await WorkflowStatus.WaitForSequenceAsync(Fixture.Environment, $"inventory-items-{id}", Signals, TimeSpan.FromSeconds(60));
        view["version"]!.GetValue<long>().Should().Be(Signals);
        view["state"]!["onHand"]!.GetValue<int>().Should().Be(Signals * (Signals + 1) / 2);
        (view["divergences"]?.GetValue<long>() ?? 0).Should().Be(0, "the workflow decided every signal as the writer did at intake");
        // A generation continues as new after the batch that takes it to 50 signals; batches hold up to 128, so 500
        // signals end in generation 2 to 10: several, never early.
        view["generation"]!.GetValue<long>().Should().BeInRange(2, Signals / DaprAppFixture.ContinueAsNewAfterSignals, "history is bounded by continuing as new");

        // A late retry of the first signal is answered from its key's stored outcome.
        using var late = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 1 }, key: "s-1", waitSeconds: 5);
        late.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = JsonNode.Parse(await late.Content.ReadAsStringAsync())!;
        answer["duplicate"]!.GetValue<bool>().Should().BeTrue();
        answer["sequence"]!.GetValue<long>().Should().BeLessThan(Signals - 32, "one of the first few sent");
        answer["version"]!.GetValue<long>().Should().Be(answer["sequence"]!.GetValue<long>(), "every restock was accepted, so its version is its sequence");
    }
}
