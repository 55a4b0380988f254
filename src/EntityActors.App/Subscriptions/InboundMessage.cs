using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;

namespace EntityActors.App.Subscriptions;

/// <summary>
/// A message on the signals topic, read as strictly as an HTTP signal: a structured CloudEvent whose <c>data</c> (or
/// <c>data_base64</c>) is <see cref="InboundSignal"/>, or that object alone (a raw payload). No field given twice under
/// any spelling, no unknown field, the signal's body within the HTTP limit. A message that is not a signal is dropped
/// with the reason; pub/sub has nobody to answer.
/// </summary>
public sealed record InboundMessage(EntityAddress Address, EntityDescriptor Entity, SignalSubmission Submission)
{
    private const string Shape = "{kind, id, signal, idempotencyKey?, body?}";

    private static readonly JsonDocumentOptions Document = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    /// <returns>The signal, or why the message is dropped.</returns>
    public static (InboundMessage? Message, string? Dropped) Read(ReadOnlySpan<byte> message, EntityCatalog catalog, int maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var (root, malformed) = Parse(message);
        if (root is null)
        {
            return (null, malformed);
        }

        var cloudEvent = root.ContainsKey("specversion");
        var (data, noData) = cloudEvent ? Data(root) : (root, null);
        if (data is null)
        {
            return (null, noData);
        }

        if (JsonBodyChecks.Ambiguity(data) is { } ambiguous)
        {
            return (null, $"the signal {Shape} is ambiguous: {ambiguous}");
        }

        InboundSignal? inbound;
        try
        {
            inbound = data.Deserialize<InboundSignal>(JsonRequestBody.Strict);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return (null, $"the signal does not fit {Shape}: {ex.Message}");
        }

        if (inbound is null)
        {
            return (null, $"the signal is not {Shape}");
        }

        var kind = catalog.Kinds.FirstOrDefault(known => string.Equals(known, inbound.Kind, StringComparison.OrdinalIgnoreCase));
        if (kind is null)
        {
            return (null, $"unknown entity kind '{Truncate(inbound.Kind)}' (one of {string.Join(", ", catalog.Kinds)})");
        }

        if (!EntityIds.IsValid(inbound.Id))
        {
            return (null, EntityIds.Describe(inbound.Id));
        }

        var (key, formerKey) = inbound.IdempotencyKey is { } given ? (given, null)
            : cloudEvent ? CloudEventKeys.For(root["id"] is { } id ? JsonSerializer.SerializeToElement(id) : default, root["source"]?.GetValueKind() == JsonValueKind.String ? root["source"]!.GetValue<string>() : null)
            : (null, null);
        if (key is null)
        {
            return (null, cloudEvent
                ? "the signal has no idempotencyKey and its CloudEvent no id to stand in for it"
                : "a raw payload has no CloudEvent id to stand in for a missing idempotencyKey: give one");
        }

        if (!IdempotencyKeys.IsValid(key))
        {
            return (null, IdempotencyKeys.Describe(key));
        }

        var body = inbound.Body is { } element ? JsonSerializer.SerializeToUtf8Bytes(element) : [];
        if (body.Length > maxBodyBytes)
        {
            return (null, $"the signal's body is {body.Length} bytes, over the {maxBodyBytes} an HTTP signal may have (EntityActors:Intake:MaxBodyBytes)");
        }

        var entity = catalog.Get(kind);
        var parsed = SignalRequestReader.Parse(entity, inbound.Signal, body, key);
        if (parsed.Submission is null)
        {
            var problem = parsed.Problem?.ProblemDetails;
            return (null, $"{(problem?.Extensions.TryGetValue("code", out var code) == true ? code : "invalid-signal")}: {problem?.Detail ?? "invalid signal"}");
        }

        return (new InboundMessage(new EntityAddress(kind, inbound.Id), entity, parsed.Submission with { FormerKey = formerKey }), null);
    }

    private static (JsonObject? Root, string? Malformed) Parse(ReadOnlySpan<byte> message)
    {
        try
        {
            return JsonNode.Parse(message, documentOptions: Document) is JsonObject root
                ? (root, null)
                : (null, $"a message on the signals topic is a JSON object: a CloudEvent whose data is {Shape}, or that object alone");
        }
        catch (JsonException ex)
        {
            return (null, $"not JSON: {ex.Message}");
        }
    }

    private static (JsonObject? Data, string? Missing) Data(JsonObject cloudEvent)
    {
        if (cloudEvent["data"] is { } data)
        {
            return data is JsonObject json ? (json, null) : (null, $"the CloudEvent's data is not a JSON object {Shape}");
        }

        if (cloudEvent["data_base64"] is JsonValue encoded && encoded.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                var (decoded, malformed) = Parse(Convert.FromBase64String(encoded.GetValue<string>()));
                return (decoded, malformed is null ? null : "data_base64: " + malformed);
            }
            catch (FormatException ex)
            {
                return (null, $"the CloudEvent's data_base64 is not base64: {ex.Message}");
            }
        }

        return (null, $"the CloudEvent has no data: it should be {Shape}");
    }

    private static string Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? string.Empty;
}
