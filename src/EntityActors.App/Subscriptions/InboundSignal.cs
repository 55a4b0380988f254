using System.Text.Json;

namespace EntityActors.App.Subscriptions;

/// <summary>The <c>data</c> of a CloudEvent on the signals topic.</summary>
/// <param name="IdempotencyKey">Optional; the CloudEvent id stands in when absent, so redeliveries dedupe.</param>
public sealed record InboundSignal(string Kind, string Id, string Signal, string? IdempotencyKey = null, JsonElement? Body = null);
