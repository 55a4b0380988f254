using EntityActors.Domain.Accounts;
using EntityActors.Domain.Common;
using EntityActors.Domain.Tests.Support;

namespace EntityActors.Domain.Tests.Accounts;

internal static class AccountSpec
{
    public static Spec<Account, AccountState, AccountSignal, AccountEvent> Given(params AccountEvent[] history) =>
        new(history, new EntityContext("acct-7", Clock.T1));

    public static Money Eur(decimal amount) => new(amount, "EUR");

    public static AccountOpened Opened { get; } = new("Ada Lovelace", "EUR");
}
