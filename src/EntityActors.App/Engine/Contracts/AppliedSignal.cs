using System.Text.Json;

namespace EntityActors.App.Engine.Contracts;

/// <summary>A decided signal as the relay publishes it: its outcome and the domain events it produced (empty when rejected).</summary>
/// <param name="TraceParent">The envelope's <see cref="SignalEnvelope.TraceParent"/>, continued by the publishing span.</param>
public sealed record AppliedSignal(SignalOutcome Outcome, JsonElement Events, string? TraceParent = null)
{
    /// <summary>The decided <paramref name="envelope"/> as published; null when it carries no decision (stored before intake decided).</summary>
    public static AppliedSignal? From(SignalEnvelope envelope) =>
        envelope.Outcome is { } outcome ? new AppliedSignal(outcome, envelope.Events ?? EmptyEvents, envelope.TraceParent) : null;

    private static JsonElement EmptyEvents { get; } = JsonDocument.Parse("[]").RootElement.Clone();
}
