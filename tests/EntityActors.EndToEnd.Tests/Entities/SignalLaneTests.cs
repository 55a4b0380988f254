using System.Net;
using Dapr.Workflow.Client;

namespace EntityActors.EndToEnd.Tests.Entities;

/// <summary>How an entity's signal lane hands batches to its workflow.</summary>
[Collection(DaprCollection.Name)]
public sealed class SignalLaneTests(DaprAppFixture fixture) : EntityApiTest(fixture)
{
    // One generation's worth: the fixture's entities continue as new after 50 signals, which drops the history.
    private const int SignalsPerEntity = 49;

    [Fact]
    public async Task While_a_batch_is_being_applied_the_next_one_waits_so_every_turn_takes_one_raised_event()
    {
        // Four entities side by side, each with one sender that does not wait for outcomes: signals are acknowledged
        // well before the previous ones are applied, so there is always a batch in flight when the next arrives.
        var ids = Enumerable.Range(0, 4).Select(_ => DaprAppFixture.UniqueId("in-flight")).ToList();
        await Task.WhenAll(ids.Select(SendAsync));

        foreach (var id in ids)
        {
            var turns = await WorkflowHistory.TurnsAsync(Fixture.Environment, $"inventory-items-{id}");

            var raisedPerTurn = turns.Select(turn => turn.Count(e => e.EventType == WorkflowHistoryEventType.EventRaised)).ToList();
            raisedPerTurn.Should().OnlyContain(raised => raised <= 1,
                "a batch raised while a turn runs is folded into that turn, and its own wake-up then finds nothing to do and "
                + "deactivates the workflow's actor under the next raise; per turn: " + string.Join(",", raisedPerTurn));
            raisedPerTurn.Sum().Should().BeLessThan(SignalsPerEntity - 1, "signals that arrive while a batch is applied go out together in the next");
        }
    }

    private async Task SendAsync(string id)
    {
        for (var n = 1; n <= SignalsPerEntity; n++)
        {
            using var response = await Api.SignalAsync("inventory-items", id, "restock", new { quantity = 1 }, key: $"signal-{n}");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var item = await Api.GetAsync("inventory-items", id, minSequence: SignalsPerEntity, waitSeconds: 20);
        item!["state"]!["onHand"]!.GetValue<int>().Should().Be(SignalsPerEntity);
    }
}
