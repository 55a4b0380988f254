using System.Text.Json;

namespace EntityActors.App.Entities;

/// <summary>An outcome together with the domain events it produced, as JSON (empty when rejected).</summary>
public sealed record AppliedSignal(SignalOutcome Outcome, JsonElement Events);
