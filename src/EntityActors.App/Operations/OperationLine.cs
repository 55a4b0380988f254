using System.Text.Json;

namespace EntityActors.App.Operations;

/// <summary>One validated line of a bulk request: its 1-based number, the target entity and the signal's body.</summary>
public sealed record OperationLine(int Line, string EntityId, JsonElement Body);
