using System.Text.Json;
using System.Text.Json.Serialization;

namespace EntityActors.App.Engine.Contracts;

/// <summary>A signal the saga sends to an entity, with the idempotency key that makes every retry a no-op.</summary>
public sealed record SignalCommand(string Kind, string EntityId, string Signal, JsonElement Body, string IdempotencyKey)
{
    /// <summary>The entity must exist when its writer takes the signal (<see cref="SignalSubmission.MustExist"/>).</summary>
    /// <remarks>Left out of the JSON when false: a command is a workflow activity's input, which replay compares with history.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool MustExist { get; init; }

    public override string ToString() => $"{Signal} → {Kind}/{EntityId}";
}
