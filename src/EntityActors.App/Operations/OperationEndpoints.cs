using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;
using EntityActors.App.ReadModel.Queries;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EntityActors.App.Operations;

public static partial class OperationEndpoints
{
    private const string Restock = "restock";
    private const string Expire = "expire";

    /// <summary>
    /// <c>POST /inventory-items/bulk/restock</c>, <c>POST /carts/bulk/expire?idleFor=…</c> (bulk operations through
    /// child workflows) and <c>GET /operations/{id}</c> (their progress, result and line failures).
    /// </summary>
    public static RouteGroupBuilder MapOperationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost($"/{InventoryItem.Kind}/bulk/{Restock}", RestockAsync)
            .WithTags("Operations")
            .WithName("BulkRestock")
            .WithSummary("Restock many items in one operation: [{ \"id\", \"quantity\" }]. 202 with the operation; follow it at /operations/{id}.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapPost($"/{Cart.Kind}/bulk/{Expire}", ExpireAsync)
            .WithTags("Operations")
            .WithName("BulkExpireCarts")
            .WithSummary("Expire every cart idle for more than idleFor (e.g. PT30M or 00:30:00); the body { \"cartIds\": [...] } names the carts to consider.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var group = app.MapGroup("/operations").WithTags("Operations");
        group.MapGet("/{operationId}", GetAsync)
            .WithName("GetOperation")
            .WithSummary("An operation's status, counts (done, failed, pending) and a page of line failures with their reasons.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Accepted<OperationAccepted>, ProblemHttpResult>> RestockAsync(
        HttpContext http, EntityCatalog catalog, BulkRequestReader reader, OperationStarter starter, CancellationToken cancellationToken)
    {
        if (Key(http) is { Problem: { } badKey })
        {
            return badKey;
        }

        var (body, problem) = await reader.ReadJsonAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = reader.ParseLines(catalog.Get(InventoryItem.Kind), Restock, body);
        if (parsed.Problem is not null)
        {
            return parsed.Problem;
        }

        return await StartAsync(http, starter, Restock, InventoryItem.Kind, Restock, string.Empty, new LineGuard(RequireExisting: true), parsed.Lines!, cancellationToken);
    }

    private static async Task<Results<Accepted<OperationAccepted>, ProblemHttpResult>> ExpireAsync(
        string? idleFor, HttpContext http, EntityCatalog catalog, BulkRequestReader reader, OperationStarter starter, IIdleCartSource source,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!TryParseIdleFor(idleFor, out var idle))
        {
            return Problems.BadRequest("invalid-idle-for", $"idleFor is required: a duration above zero and at most 365 days, as ISO-8601 (PT30M), seconds (1800) or 00:30:00; got '{idleFor}'.");
        }

        if (Key(http) is { Problem: { } badKey })
        {
            return badKey;
        }

        var (body, problem) = await reader.ReadJsonAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var idleSince = time.GetUtcNow() - idle;
        IReadOnlyList<string?>? ids;
        if (body is null)
        {
            ids = await source.FindIdleAsync(idleSince, cancellationToken);
        }
        else if (body is JsonObject { Count: 1 } named && named["cartIds"] is JsonArray list && list.All(id => id is JsonValue))
        {
            ids = [.. list.Select(id => id!.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : id.ToJsonString())];
        }
        else
        {
            return Problems.BadRequest("invalid-lines", "The body is { \"cartIds\": [\"…\", …] }, or empty to expire every idle cart the read model knows.");
        }

        if (ids is null)
        {
            return Problems.BadRequest("cart-ids-required",
                "This deployment has no list of carts to search for idle ones; name the carts to consider in the body: { \"cartIds\": [\"…\", …] }.");
        }

        var parsed = reader.ParseIds(catalog.Get(Cart.Kind), Expire, ids, JsonSerializer.SerializeToElement(new { }));
        if (parsed.Problem is not null)
        {
            return parsed.Problem;
        }

        return await StartAsync(http, starter, "expire-idle-carts", Cart.Kind, Expire, $"idleFor={idle:c}", new LineGuard(RequireExisting: true, idleSince), parsed.Lines!, cancellationToken);
    }

    private static async Task<Results<Ok<OperationStatus>, ProblemHttpResult>> GetAsync(
        string operationId, string? failuresAfter, int? limit, OperationReader reader, CancellationToken cancellationToken)
    {
        if (!OperationIdPattern().IsMatch(operationId))
        {
            return Problems.BadRequest("invalid-operation-id", $"Operation ids are 32 lowercase hex digits; got '{(operationId.Length > 80 ? operationId[..80] + "…" : operationId)}'.");
        }

        if (!FailureCursor.TryParse(failuresAfter, out var after) || limit is < 1)
        {
            return Problems.BadRequest("invalid-page", "failuresAfter is the cursor a previous page gave in nextFailures, and limit is at least 1.");
        }

        return await reader.GetAsync(operationId, after, limit, cancellationToken) is { } status
            ? TypedResults.Ok(status)
            : Problems.NotFound("operation-not-found", $"No operation '{operationId}'.");
    }

    private static async Task<Results<Accepted<OperationAccepted>, ProblemHttpResult>> StartAsync(
        HttpContext http, OperationStarter starter, string name, string kind, string signal, string parameters, LineGuard guard,
        IReadOnlyList<OperationLine> lines, CancellationToken cancellationToken)
    {
        var key = Key(http).Value;
        var start = await starter.StartAsync(name, kind, signal, parameters, guard, lines, key, cancellationToken);
        if (start.KeyReused || start.View is null)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "The idempotency key was used for a different request.",
                $"Key '{key}' started an operation with other lines or parameters; use a new key for a new request.");
        }

        if (start.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var view = start.View;
        var location = $"/operations/{view.OperationId}";
        return TypedResults.Accepted(location, new OperationAccepted(view.OperationId, view.Name, view.Progress.Total, view.Progress.ChunksTotal, view.Status, start.Replayed, location));
    }

    private static (string? Value, ProblemHttpResult? Problem) Key(HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyKeys.Header].ToString();
        return key.Length == 0 ? (null, null)
            : IdempotencyKeys.IsValid(key) ? (key, null)
            : (null, Problems.BadRequest("invalid-idempotency-key", IdempotencyKeys.Describe(key)));
    }

    /// <summary>
    /// As lists read <c>idleFor</c> (<see cref="EntityListRequestParser.ParseDuration"/>), so the same text means the same
    /// time in both; here it is also required, above zero and at most 365 days. A bare number was read as days here
    /// before (<c>30</c>: 30 days where the list took 30 seconds).
    /// </summary>
    public static bool TryParseIdleFor(string? text, out TimeSpan idleFor)
    {
        idleFor = string.IsNullOrWhiteSpace(text) ? TimeSpan.Zero : EntityListRequestParser.ParseDuration(text) ?? TimeSpan.Zero;
        return idleFor > TimeSpan.Zero && idleFor <= TimeSpan.FromDays(365);
    }

    /// <summary>An operation id: 32 lowercase hex digits; also the API document's pattern.</summary>
    public const string OperationIdRegex = "^[a-f0-9]{32}$";

    [GeneratedRegex(OperationIdRegex, RegexOptions.CultureInvariant)]
    private static partial Regex OperationIdPattern();
}
