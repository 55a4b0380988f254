namespace EntityActors.App.Tests.Support.Probes;

public sealed record Explode(string Message) : ProbeSignal;
