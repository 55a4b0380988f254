using System.Text.Json.Serialization;

namespace EntityActors.Domain.Accounts;

/// <summary>What happened to an account.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AccountOpened), "account-opened")]
[JsonDerivedType(typeof(MoneyDeposited), "money-deposited")]
[JsonDerivedType(typeof(MoneyWithdrawn), "money-withdrawn")]
[JsonDerivedType(typeof(HoldPlaced), "hold-placed")]
[JsonDerivedType(typeof(HoldReleased), "hold-released")]
[JsonDerivedType(typeof(HoldCaptured), "hold-captured")]
[JsonDerivedType(typeof(AccountClosed), "account-closed")]
public abstract record AccountEvent
{
    private protected AccountEvent()
    {
    }
}
