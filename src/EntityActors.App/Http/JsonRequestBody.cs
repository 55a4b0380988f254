using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EntityActors.App.Engine.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace EntityActors.App.Http;

/// <summary>
/// A request's JSON body, read whole up to a limit before anything is parsed: too large (413), not declared as UTF-8
/// JSON (415). An empty body needs no content type.
/// </summary>
public static class JsonRequestBody
{
    /// <summary>The API's JSON settings, refusing what they would let pass: unknown fields, missing required ones, nulls.</summary>
    public static JsonSerializerOptions Strict { get; } = CreateStrict();

    /// <summary>
    /// A body that must be one JSON object (empty: an empty object), with no field given twice under any spelling and
    /// no number finer than a decimal holds. Returns the object, or why it is malformed.
    /// </summary>
    public static (JsonObject? Json, string? Malformed) ParseObject(ReadOnlySpan<byte> body)
    {
        JsonObject json;
        try
        {
            // A repeated field is ambiguous, and left to JsonObject it throws ArgumentException (a 500), not JsonException.
            json = body.Length == 0
                ? []
                : JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }) as JsonObject
                    ?? throw new JsonException("The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return (null, ex.Message);
        }

        return JsonBodyChecks.Ambiguity(json) is { } ambiguous ? (null, ambiguous) : (json, null);
    }

    /// <param name="what">What the body is, for the 415's detail ("Signals", "Decisions").</param>
    /// <returns>The body, or the problem that refuses it.</returns>
    public static async Task<(byte[] Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int limit, string what, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return ([], TooLarge(limit, what));
        }

        var (body, tooLarge) = await ReadUpToAsync(request, limit, cancellationToken);
        if (tooLarge)
        {
            return ([], TooLarge(limit, what));
        }

        if (body.Length > 0 && !IsJson(request.ContentType))
        {
            return ([], Problems.Create(
                StatusCodes.Status415UnsupportedMediaType,
                "unsupported-media-type",
                "Unsupported media type.",
                $"{what} are JSON: send Content-Type: application/json (got '{request.ContentType ?? "none"}')."));
        }

        return (body, null);
    }

    /// <summary>
    /// A small JSON object body read into <typeparamref name="T"/> with <see cref="Strict"/>: null for an empty body, or
    /// the problem that refuses it (413/415, <c>malformed-json</c>, or <paramref name="invalidCode"/> naming
    /// <paramref name="shape"/> when it does not fit the type).
    /// </summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadStrictAsync<T>(
        HttpRequest request, int limit, string what, string invalidCode, string shape, CancellationToken cancellationToken)
        where T : class
    {
        var (bytes, refused) = await ReadAsync(request, limit, what, cancellationToken);
        if (refused is not null || bytes.Length == 0)
        {
            return (null, refused);
        }

        var (json, malformed) = ParseObject(bytes);
        if (json is null)
        {
            return (null, Problems.BadRequest("malformed-json", malformed!));
        }

        try
        {
            return (json.Deserialize<T>(Strict), null);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return (null, Problems.BadRequest(invalidCode, $"{shape}: {ex.Message}"));
        }
    }

    /// <summary>
    /// The JSON names of the fields <see cref="Strict"/> refuses to go without in a <paramref name="type"/>: required
    /// members and constructor parameters without a default (for the API document's <c>required</c>).
    /// </summary>
    public static IEnumerable<string> RequiredFields(Type type) =>
        Strict.GetTypeInfo(type).Properties
            .Where(property => property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false })
            .Select(property => property.Name);

    /// <summary>The body whole, unless it is over <paramref name="limit"/> bytes (then TooLarge, and the rest unread).</summary>
    public static async Task<(byte[] Body, bool TooLarge)> ReadUpToAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(total, limit + 1 - total), cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return ([], true);
                }
            }

            return (buffer.AsSpan(0, total).ToArray(), false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.HasValue
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        && (!media.Charset.HasValue || HeaderUtilities.RemoveQuotes(media.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static JsonSerializerOptions CreateStrict()
    {
        var strict = new JsonSerializerOptions(EntityJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            AllowOutOfOrderMetadataProperties = true,
        };
        strict.MakeReadOnly();
        return strict;
    }

    private static ProblemHttpResult TooLarge(int limit, string what) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The body is too large.", $"{what} are at most {limit} bytes.");
}
