using System.Text.Json.Serialization;
using EntityActors.Domain.Common;

namespace EntityActors.App.Tests.Support.Probes;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Bump), "bump")]
[JsonDerivedType(typeof(Explode), "explode")]
[JsonDerivedType(typeof(Poison), "poison")]
public abstract record ProbeSignal : ISignal
{
    public Rejection? Validate() => null;
}
