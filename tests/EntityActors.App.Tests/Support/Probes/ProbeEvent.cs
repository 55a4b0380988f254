using System.Text.Json.Serialization;

namespace EntityActors.App.Tests.Support.Probes;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Bumped), "bumped")]
[JsonDerivedType(typeof(Poisoned), "poisoned")]
public abstract record ProbeEvent;
