using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using EntityActors.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Http;

/// <summary>
/// Turns an HTTP body into a validated signal: content type (415), size (413), JSON syntax, unknown or
/// mistyped fields and the signal's own shape rules (400). Nothing reaches an entity unless all pass.
/// </summary>
public sealed class SignalRequestReader(IOptions<IntakeOptions> options)
{
    public async Task<SignalRequest> ReadAsync(
        HttpRequest request, EntityDescriptor entity, string signalName, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (UnknownSignal(entity, signalName, fromWorkflow: false) is { } unknown)
        {
            return Fail(unknown);
        }

        var (body, problem) = await JsonRequestBody.ReadAsync(request, options.Value.MaxBodyBytes, "Signal bodies", cancellationToken);
        if (problem is not null)
        {
            return Fail(problem);
        }

        return Parse(entity, signalName, body, idempotencyKey);
    }

    /// <summary>Parses and validates a client's signal body (already within size and known to be JSON).</summary>
    public static SignalRequest Parse(EntityDescriptor entity, string signalName, ReadOnlySpan<byte> body, string idempotencyKey) =>
        Parse(entity, signalName, body, idempotencyKey, fromWorkflow: false);

    /// <summary>
    /// Parses and validates a signal one of the system's own workflows sends: it may also be an <see cref="ISystemSignal"/>.
    /// </summary>
    public static SignalRequest ParseFromWorkflow(EntityDescriptor entity, string signalName, ReadOnlySpan<byte> body, string idempotencyKey) =>
        Parse(entity, signalName, body, idempotencyKey, fromWorkflow: true);

    private static SignalRequest Parse(EntityDescriptor entity, string signalName, ReadOnlySpan<byte> body, string idempotencyKey, bool fromWorkflow)
    {
        if (UnknownSignal(entity, signalName, fromWorkflow) is { } unknown)
        {
            return Fail(unknown);
        }

        var (json, malformed) = JsonRequestBody.ParseObject(body);
        if (json is null)
        {
            return Fail(Problems.BadRequest("malformed-json", malformed!));
        }

        if (JsonBodyChecks.Imprecision(json) is { } imprecise)
        {
            return Fail(Problems.BadRequest("invalid-signal", $"The {signalName} body does not fit its schema: {imprecise}"));
        }

        JsonBodyChecks.TrimZeros(json);

        // The route names the signal. A body may repeat it (payloads the system itself sends do) but not contradict it.
        if (json.TryGetPropertyValue("type", out var type))
        {
            if (type is null || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != signalName)
            {
                return Fail(Problems.BadRequest(
                    "invalid-signal", $"The body's type {Truncate(type?.ToJsonString() ?? "null")} is not the signal the route names, '{Truncate(signalName)}'."));
            }

            json.Remove("type");
        }

        json.Insert(0, "type", signalName);

        ISignal? signal;
        try
        {
            signal = json.Deserialize(entity.SignalType, JsonRequestBody.Strict) as ISignal;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return Fail(Problems.BadRequest("invalid-signal", $"The {signalName} body does not fit its schema: {ex.Message}"));
        }

        if (signal is null)
        {
            return Fail(Problems.BadRequest("invalid-signal", "The body is empty."));
        }

        if (signal.Validate() is { } rejection)
        {
            return Fail(Problems.FromRejection(rejection with { Kind = RejectionKind.Invalid }));
        }

        var payload = JsonSerializer.SerializeToElement(signal, entity.SignalType, EntityJson.Options);
        return new SignalRequest(new SignalSubmission(idempotencyKey, signalName, payload, PayloadHash(payload)), null);
    }

    /// <summary>
    /// Hash of the canonical payload, with numbers reduced to their value, so a client that retries with
    /// <c>10.5</c> where it first sent <c>10.50</c> is recognised as repeating itself, not reusing the key.
    /// </summary>
    public static string PayloadHash(JsonElement payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, payload);
        }

        return Convert.ToHexString(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                // Dividing by 1.000… drops trailing zeros: 10.50m becomes 10.5m.
                writer.WriteNumberValue(number / 1.0000000000000000000000000000m);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static ProblemHttpResult? UnknownSignal(EntityDescriptor entity, string signalName, bool fromWorkflow) =>
        (fromWorkflow ? entity.AllSignals : entity.Signals).ContainsKey(signalName)
            ? null
            : Problems.BadRequest(
                "unknown-signal",
                $"'{Truncate(signalName)}' is not a signal of {entity.Kind}; known signals: {string.Join(", ", entity.Signals.Keys.Order())}.");

    private static SignalRequest Fail(ProblemHttpResult problem) => new(null, problem);

    private static string Truncate(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
