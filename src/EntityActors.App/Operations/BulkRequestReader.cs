using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EntityActors.App.Operations;

/// <summary>
/// Validates a bulk request before anything starts: content type (415), size and line count (413), JSON (400), and
/// every line as the entity's own signal endpoint would (400 listing the bad lines by number). All or nothing.
/// </summary>
public sealed class BulkRequestReader(IOptions<OperationOptions> options)
{
    private const int ProblemsShown = 100;

    public async Task<(JsonNode? Body, ProblemHttpResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return (null, TooLarge(limit));
            }
        }

        if (buffer.Length == 0)
        {
            return (null, null);
        }

        if (!IsJson(request.ContentType))
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type.",
                $"Bulk requests are JSON: send Content-Type: application/json (got '{request.ContentType ?? "none"}')."));
        }

        try
        {
            return (JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }), null);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return (null, Problems.BadRequest("malformed-json", ex.Message));
        }
    }

    /// <summary>
    /// Lines <c>[{ "id": …, …signal body… }]</c>: each element names its entity and carries the signal's body, which
    /// is validated by the same rules as <c>POST /{kind}/{id}/signals/{signal}</c>.
    /// </summary>
    public BulkLines ParseLines(EntityDescriptor entity, string signal, JsonNode? body)
    {
        if (body is not JsonArray array)
        {
            return Refuse(Problems.BadRequest("invalid-lines", $"The body must be a JSON array of lines, each {{ \"id\": …, …the {signal} body… }}."));
        }

        if (CountProblem(array.Count) is { } count)
        {
            return Refuse(count);
        }

        var lines = new List<OperationLine>(array.Count);
        var problems = new List<LineProblem>();
        for (var i = 0; i < array.Count; i++)
        {
            var number = i + 1;
            if (array[i] is not JsonObject element)
            {
                problems.Add(new LineProblem(number, "invalid-line", "A line is a JSON object."));
                continue;
            }

            var fields = element.DeepClone().AsObject();
            var id = fields["id"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            fields.Remove("id");
            if (!EntityIds.IsValid(id))
            {
                problems.Add(new LineProblem(number, "invalid-entity-id", EntityIds.Describe(id)));
                continue;
            }

            var payload = JsonSerializer.SerializeToUtf8Bytes(fields);
            if (SignalRequestReader.Parse(entity, signal, payload, "bulk-line").Problem is { } problem)
            {
                var details = problem.ProblemDetails;
                problems.Add(new LineProblem(number, details.Extensions.TryGetValue("code", out var code) ? code?.ToString() ?? "invalid-signal" : "invalid-signal", details.Detail ?? details.Title ?? "invalid"));
                continue;
            }

            lines.Add(new OperationLine(number, id!, JsonSerializer.Deserialize<JsonElement>(payload)));
        }

        return problems.Count > 0 ? Refuse(Invalid(problems, array.Count)) : new BulkLines(lines, null);
    }

    /// <summary>Lines that only name their entity; the signal's body is the same for every line.</summary>
    public BulkLines ParseIds(EntityDescriptor entity, string signal, IReadOnlyList<string?> ids, JsonElement signalBody)
    {
        if (CountProblem(ids.Count) is { } count)
        {
            return Refuse(count);
        }

        if (SignalRequestReader.Parse(entity, signal, JsonSerializer.SerializeToUtf8Bytes(signalBody), "bulk-line").Problem is { } invalid)
        {
            return Refuse(invalid);
        }

        var problems = ids.Select((id, i) => EntityIds.IsValid(id) ? null : new LineProblem(i + 1, "invalid-entity-id", EntityIds.Describe(id)))
            .OfType<LineProblem>()
            .ToList();
        return problems.Count > 0
            ? Refuse(Invalid(problems, ids.Count))
            : new BulkLines([.. ids.Select((id, i) => new OperationLine(i + 1, id!, signalBody))], null);
    }

    private ProblemHttpResult? CountProblem(int count) =>
        count == 0 ? Problems.BadRequest("no-lines", "The request has no lines; nothing was started.")
        : count > options.Value.MaxLines ? Problems.Create(StatusCodes.Status413PayloadTooLarge, "too-many-lines", "Too many lines.",
            $"A bulk request has at most {options.Value.MaxLines} lines, got {count}; split it.")
        : null;

    private static ProblemHttpResult Invalid(List<LineProblem> problems, int total) =>
        Problems.Create(
            StatusCodes.Status400BadRequest,
            "invalid-lines",
            "Some lines are invalid.",
            $"{problems.Count} of {total} lines are invalid (first at line {problems[0].Line}); nothing was started.",
            new Dictionary<string, object?> { ["invalidLines"] = problems.Count, ["lines"] = problems.Take(ProblemsShown).ToList() });

    private static BulkLines Refuse(ProblemHttpResult problem) => new(null, problem);

    private static ProblemHttpResult TooLarge(int limit) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The body is too large.", $"Bulk request bodies are at most {limit} bytes.");

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.HasValue
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
