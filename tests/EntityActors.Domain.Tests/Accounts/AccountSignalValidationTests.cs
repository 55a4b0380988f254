using EntityActors.Domain.Accounts;
using EntityActors.Domain.Common;
using static EntityActors.Domain.Tests.Accounts.AccountSpec;

namespace EntityActors.Domain.Tests.Accounts;

public class AccountSignalValidationTests
{
    private static readonly Dictionary<string, (AccountSignal Signal, string Code)> Malformed = new()
    {
        ["open without owner"] = (new OpenAccount("", "EUR"), "invalid-owner"),
        ["open with a blank owner"] = (new OpenAccount("   ", "EUR"), "invalid-owner"),
        ["open with an over-long owner"] = (new OpenAccount(new string('o', TextValidation.MaxTextLength + 1), "EUR"), "invalid-owner"),
        ["open with a lower-case currency"] = (new OpenAccount("Ada", "eur"), "invalid-currency"),
        ["open with a four-letter currency"] = (new OpenAccount("Ada", "EURO"), "invalid-currency"),
        ["deposit without amount"] = (new Deposit(null!), "invalid-amount"),
        ["deposit of zero"] = (new Deposit(Eur(0m)), "invalid-amount"),
        ["deposit of a negative amount"] = (new Deposit(Eur(-5m)), "invalid-amount"),
        ["deposit over the amount bound"] = (new Deposit(Eur(SignalValidation.MaxAmount + 1m)), "invalid-amount"),
        ["deposit with fractional cents"] = (new Deposit(Eur(0.001m)), "invalid-amount"),
        ["withdraw of a negative amount"] = (new Withdraw(Eur(-1m)), "invalid-amount"),
        ["withdraw in a malformed currency"] = (new Withdraw(new Money(1m, "E1R")), "invalid-currency"),
        ["place-hold without id"] = (new PlaceHold("", Eur(1m)), "invalid-hold-id"),
        ["place-hold of zero"] = (new PlaceHold("h-1", Eur(0m)), "invalid-amount"),
        ["release-hold with a bad id"] = (new ReleaseHold("h 1"), "invalid-hold-id"),
        ["capture-hold without id"] = (new CaptureHold(null!), "invalid-hold-id"),
    };

    public static TheoryData<string> MalformedSignals => [.. Malformed.Keys];

    [Theory]
    [MemberData(nameof(MalformedSignals))]
    public void A_malformed_signal_is_rejected_as_invalid_and_changes_nothing(string name)
    {
        var (signal, code) = Malformed[name];

        signal.Validate().Should().BeEquivalentTo(new { Code = code, Kind = RejectionKind.Invalid });
        Given(Opened, new MoneyDeposited(Eur(100m))).When(signal).ThenRejects(code, RejectionKind.Invalid);
    }

    [Fact]
    public void An_owner_of_exactly_the_maximum_length_is_accepted() =>
        Given()
            .When(new OpenAccount(new string('o', TextValidation.MaxTextLength), "EUR"))
            .ThenEmits(new AccountOpened(new string('o', TextValidation.MaxTextLength), "EUR"));
}
