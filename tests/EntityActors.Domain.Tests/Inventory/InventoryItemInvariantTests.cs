using EntityActors.Domain.Common;
using EntityActors.Domain.Inventory;
using EntityActors.Domain.Tests.Support;

namespace EntityActors.Domain.Tests.Inventory;

public class InventoryItemInvariantTests
{
    private const int Seed = 424242;
    private static readonly string[] ReservationIds = ["r-1", "r-2", "r-3", "r-4", "r-5"];

    private static readonly Dictionary<string, RejectionKind> Codes = new()
    {
        ["stock-limit"] = RejectionKind.Unprocessable,
        ["out-of-stock"] = RejectionKind.Unprocessable,
        ["reservation-exists"] = RejectionKind.Conflict,
        ["reservation-not-found"] = RejectionKind.Unprocessable,
        ["would-go-negative"] = RejectionKind.Unprocessable,
    };

    [Fact]
    public void Random_signal_sequences_keep_available_non_negative_and_stock_conserved()
    {
        var random = new Random(Seed);
        var coverage = new Coverage(Codes);
        var violations = new List<string>();

        for (var run = 0; run < 40; run++)
        {
            var state = InventoryItem.Initial;
            long restocked = 0, adjusted = 0, committed = 0;

            for (var step = 0; step < 200; step++)
            {
                var signal = NextSignal(random, state);
                var decision = InventoryItem.Decide(state, signal, new EntityContext($"sku-{run}", Clock.T0.AddSeconds(step)));

                if (decision.Rejection is { } rejection)
                {
                    coverage.Rejected(rejection);
                    continue;
                }

                coverage.Accepted(signal);
                switch (signal)
                {
                    case Restock restock: restocked += restock.Quantity; break;
                    case AdjustStock adjust: adjusted += adjust.Delta; break;
                    case CommitReservation commit: committed += state.Reservations[commit.ReservationId]; break;
                }

                state = decision.Events.Aggregate(state, InventoryItem.Apply);
                violations.AddRange(Violations(state, restocked + adjusted - committed).Select(v => $"run {run} step {step} after {signal}: {v}"));
            }
        }

        violations.Should().BeEmpty();
        coverage.ShouldHaveAccepted(typeof(Restock), typeof(Reserve), typeof(ReleaseReservation), typeof(CommitReservation), typeof(AdjustStock));

        // Reaching a million units takes a hundred maximal restocks; the limit has its own example tests.
        coverage.ShouldHaveRejectedWithEveryDocumentedCodeExcept("stock-limit");
    }

    private static IEnumerable<string> Violations(InventoryItemState state, long expectedOnHand)
    {
        if (state.Available < 0)
        {
            yield return $"available {state.Available} is negative";
        }

        if (state.OnHand < 0 || state.OnHand > InventoryItem.MaxOnHand)
        {
            yield return $"on hand {state.OnHand} is out of range";
        }

        if (state.Reservations.Values.Any(quantity => quantity <= 0))
        {
            yield return "a reservation is not positive";
        }

        if (state.OnHand != expectedOnHand)
        {
            yield return $"on hand {state.OnHand} differs from restocked + adjusted - committed = {expectedOnHand}";
        }
    }

    private static InventoryItemSignal NextSignal(Random random, InventoryItemState state)
    {
        var id = ReservationIds[random.Next(ReservationIds.Length)];
        return random.Next(100) switch
        {
            < 20 => new Restock(random.Next(1, 60)),
            < 50 => new Reserve(id, EdgeOr(random, state.Available, random.Next(1, 30))),
            < 65 => new ReleaseReservation(id),
            < 80 => new CommitReservation(id),
            _ => new AdjustStock(NextDelta(random, state), "stocktake"),
        };
    }

    private static int NextDelta(Random random, InventoryItemState state)
    {
        var delta = random.Next(3) switch
        {
            0 => -state.Available,
            1 => -state.Available - 1,
            _ => random.Next(-40, 40),
        };
        return delta == 0 ? 1 : delta;
    }

    private static int EdgeOr(Random random, int edge, int otherwise) =>
        random.Next(4) switch
        {
            0 => Math.Max(edge, 1),
            1 => edge + 1,
            _ => otherwise,
        };
}
