using System.Text.Json;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>An entity's single writer answering a read: the entity, or null when it has never taken a signal.</summary>
public sealed record ReadResponse(EntityView<JsonElement>? View);
