namespace EntityActors.App.Tests.Support.Probes;

public sealed record Poison : ProbeSignal;
