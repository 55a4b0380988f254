namespace EntityActors.App.Tests.Support.Probes;

public sealed record ProbeState(int Count);
