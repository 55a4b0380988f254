using System.Text.Json;

namespace EntityActors.App.Engine.Contracts;

/// <summary>An outcome together with the domain events it produced, as JSON (empty when rejected).</summary>
/// <param name="TraceParent">The envelope's <see cref="SignalEnvelope.TraceParent"/>, for the recording activity's span.</param>
public sealed record AppliedSignal(SignalOutcome Outcome, JsonElement Events, string? TraceParent = null);
