using System.Text.Json.Serialization;
using EntityActors.Domain.Common;

namespace EntityActors.Domain.Accounts;

/// <summary>Everything an account can be asked to do. Closed: only the types listed here derive from it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OpenAccount), "open")]
[JsonDerivedType(typeof(Deposit), "deposit")]
[JsonDerivedType(typeof(Withdraw), "withdraw")]
[JsonDerivedType(typeof(PlaceHold), "place-hold")]
[JsonDerivedType(typeof(ReleaseHold), "release-hold")]
[JsonDerivedType(typeof(CaptureHold), "capture-hold")]
[JsonDerivedType(typeof(CloseAccount), "close")]
public abstract record AccountSignal : ISignal
{
    private protected AccountSignal()
    {
    }

    /// <summary>Signal name (as in routes and the JSON <c>type</c> property) → signal type.</summary>
    public static IReadOnlyDictionary<string, Type> ByName { get; } = JsonDerivedTypes.ByDiscriminator<AccountSignal>();

    /// <inheritdoc />
    public abstract Rejection? Validate();
}
