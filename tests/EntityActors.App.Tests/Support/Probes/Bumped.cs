namespace EntityActors.App.Tests.Support.Probes;

public sealed record Bumped : ProbeEvent;
