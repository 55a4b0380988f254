using EntityActors.Domain.Accounts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Tests.Support;

namespace EntityActors.Domain.Tests.Accounts;

public class AccountInvariantTests
{
    private const int Seed = 20260301;
    private static readonly string[] HoldIds = ["h-1", "h-2", "h-3", "h-4"];

    private static readonly Dictionary<string, RejectionKind> Codes = new()
    {
        ["account-already-open"] = RejectionKind.Conflict,
        ["account-not-open"] = RejectionKind.Conflict,
        ["currency-mismatch"] = RejectionKind.Unprocessable,
        ["insufficient-funds"] = RejectionKind.Unprocessable,
        ["hold-exists"] = RejectionKind.Conflict,
        ["hold-not-found"] = RejectionKind.Unprocessable,
        ["balance-limit"] = RejectionKind.Unprocessable,
        ["balance-not-zero"] = RejectionKind.Unprocessable,
        ["holds-outstanding"] = RejectionKind.Unprocessable,
    };

    [Fact]
    public void Random_signal_sequences_keep_balance_and_available_non_negative_and_money_conserved()
    {
        var random = new Random(Seed);
        var coverage = new Coverage(Codes);
        var violations = new List<string>();

        for (var run = 0; run < 60; run++)
        {
            var state = Account.Initial;
            decimal deposited = 0m, withdrawn = 0m, captured = 0m;

            for (var step = 0; step < 150; step++)
            {
                var signal = NextSignal(random, state);
                var decision = Account.Decide(state, signal, new EntityContext($"acct-{run}", Clock.T0.AddSeconds(step)));

                if (decision.Rejection is { } rejection)
                {
                    coverage.Rejected(rejection);
                    continue;
                }

                coverage.Accepted(signal);
                switch (signal)
                {
                    case Deposit deposit: deposited += deposit.Amount.Amount; break;
                    case Withdraw withdraw: withdrawn += withdraw.Amount.Amount; break;
                    case CaptureHold capture: captured += state.Holds[capture.HoldId]; break;
                }

                state = decision.Events.Aggregate(state, Account.Apply);
                violations.AddRange(Violations(state, deposited - withdrawn - captured).Select(v => $"run {run} step {step} after {signal}: {v}"));
            }
        }

        violations.Should().BeEmpty();
        coverage.ShouldHaveAccepted(
            typeof(OpenAccount), typeof(Deposit), typeof(Withdraw), typeof(PlaceHold), typeof(ReleaseHold), typeof(CaptureHold), typeof(CloseAccount));
        coverage.ShouldHaveRejectedWithEveryDocumentedCodeExcept();
    }

    private static IEnumerable<string> Violations(AccountState state, decimal netInflow)
    {
        if (state.Balance < 0m)
        {
            yield return $"balance {state.Balance} is negative";
        }

        if (state.Available < 0m)
        {
            yield return $"available {state.Available} is negative";
        }

        if (state.Balance > SignalValidation.MaxAmount)
        {
            yield return $"balance {state.Balance} is over the limit";
        }

        if (state.Holds.Values.Any(amount => amount <= 0m))
        {
            yield return "a hold is not positive";
        }

        if (state.Balance != netInflow)
        {
            yield return $"balance {state.Balance} differs from deposits - withdrawals - captures = {netInflow}";
        }

        if (state.Status == AccountStatus.Closed && (state.Balance != 0m || !state.Holds.IsEmpty))
        {
            yield return "a closed account still holds money";
        }
    }

    private static AccountSignal NextSignal(Random random, AccountState state)
    {
        var roll = random.Next(100);
        var holdId = HoldIds[random.Next(HoldIds.Length)];
        return roll switch
        {
            < 4 => new OpenAccount("Owner", "EUR"),
            < 30 => new Deposit(NextAmount(random, state, forDeposit: true)),
            < 50 => new Withdraw(NextAmount(random, state, forDeposit: false)),
            < 70 => new PlaceHold(holdId, NextAmount(random, state, forDeposit: false)),
            < 82 => new ReleaseHold(holdId),
            < 94 => new CaptureHold(holdId),
            _ => new CloseAccount(),
        };
    }

    // Biased towards the edges (exactly available, one cent over, up to the balance limit) where the rules bite.
    private static Money NextAmount(Random random, AccountState state, bool forDeposit)
    {
        var currency = random.Next(12) == 0 ? "USD" : "EUR";
        var amount = random.Next(6) switch
        {
            0 => state.Available,
            1 => state.Available + 0.01m,
            2 when forDeposit => SignalValidation.MaxAmount - state.Balance + (random.Next(2) == 0 ? 0m : 0.01m),
            _ => random.Next(1, 50_000) / 100m,
        };
        return new Money(Math.Clamp(amount, 0.01m, SignalValidation.MaxAmount), currency);
    }
}
