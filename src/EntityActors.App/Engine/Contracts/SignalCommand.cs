using System.Text.Json;

namespace EntityActors.App.Engine.Contracts;

/// <summary>A signal the saga sends to an entity, with the idempotency key that makes every retry a no-op.</summary>
public sealed record SignalCommand(string Kind, string EntityId, string Signal, JsonElement Body, string IdempotencyKey)
{
    public override string ToString() => $"{Signal} → {Kind}/{EntityId}";
}
