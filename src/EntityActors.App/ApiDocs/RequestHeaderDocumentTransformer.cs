using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;
using EntityActors.App.ReadModel.Queries;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// The endpoints read <c>Idempotency-Key</c>, <c>Prefer</c> and the signal's <c>?wait</c> by hand, so the document would
/// show none of them: this declares each on the operations that read it, with what the server takes.
/// </summary>
public sealed class RequestHeaderDocumentTransformer(EntityCatalog catalog) : IOpenApiDocumentTransformer
{
    public const string Prefer = "Prefer";

    private const string Seconds = "0-3600 seconds, fractions allowed";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var kind in catalog.Kinds)
        {
            Add(document, $"/{kind}/{{id}}/signals/{{signal}}", HttpMethod.Post, SignalKey(), SignalPrefer(), SignalWait());
            Add(document, $"/{kind}/{{id}}", HttpMethod.Get, ReadPrefer());
            Add(document, $"/{kind}", HttpMethod.Get, ListPrefer());
        }

        foreach (var path in document.Paths.Keys.Where(path => path.Contains("/bulk/", StringComparison.Ordinal)))
        {
            Add(document, path, HttpMethod.Post, BulkKey());
        }

        return Task.CompletedTask;
    }

    private static void Add(OpenApiDocument document, string path, HttpMethod method, params OpenApiParameter[] parameters)
    {
        if (!document.Paths.TryGetValue(path, out var item) || item.Operations?.TryGetValue(method, out var operation) != true || operation is null)
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var parameter in parameters)
        {
            // A parameter the endpoint binds (GET's ?wait) is described here, not declared twice.
            if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(existing => existing.Name == parameter.Name && existing.In == parameter.In) is { } bound)
            {
                bound.Description ??= parameter.Description;
                continue;
            }

            operation.Parameters.Add(parameter);
        }
    }

    private static OpenApiParameter SignalKey() => Key(
        "Makes a retry safe: the same key with the same body answers the first outcome again and applies nothing twice " +
        "(`Idempotent-Replayed: true`); the same key with another signal or body is a 422 `idempotency-key-reused`. Without one, the " +
        "server makes one. Either way it comes back in the `Idempotency-Key` response header. Kept for EntityActors:Intake:IdempotencyRetention (7 days).");

    private static OpenApiParameter BulkKey() => Key(
        "Makes a retry safe: the same key with the same lines and parameters answers the operation it started " +
        "(`Idempotent-Replayed: true`) instead of starting another; with other lines or parameters it is a 422 " +
        "`idempotency-key-reused`. Without one, every request starts a new operation.");

    private static OpenApiParameter Key(string description) => new()
    {
        Name = IdempotencyKeys.Header,
        In = ParameterLocation.Header,
        Description = description + $" 1-{IdempotencyKeys.MaxLength} letters, digits, '-', '_', '.' or ':' (else 400 `invalid-idempotency-key`).",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxLength, Pattern = IdempotencyKeys.JsonPattern },
        Example = "deposit-2024-06-01-0001",
    };

    private static OpenApiParameter SignalPrefer() => PreferWait(
        "`wait=N` (RFC 7240, N " + Seconds + "): answer the signal's outcome, 200 with the entity or its rejection as " +
        "a problem (`Preference-Applied: wait`), instead of the 202 receipt. The entity decides before answering, so any " +
        "N asks for the outcome without delaying it; an outcome not known at once still answers 202. `?wait` wins over it; " +
        "another number is a 400 `invalid-wait`.");

    private static OpenApiParameter ReadPrefer() => PreferWait(
        "`wait=N` (RFC 7240, N " + Seconds + "): with `minSequence` or `minVersion`, wait up to N seconds (at most " +
        "EntityActors:Queries:MaxWait, 30 s by default) until the entity shows them. `?wait` wins over it; another number " +
        "is a 400 `invalid-wait`.");

    private static OpenApiParameter ListPrefer() => PreferWait(
        "`wait=N` (RFC 7240, N " + Seconds + "): with `after`, wait up to N seconds (at most " +
        "EntityActors:Queries:MaxWait) until the entity shows that signal applied. `?wait` wins over it; another number is a 400 `invalid-wait`.");

    private static OpenApiParameter PreferWait(string description) => new()
    {
        Name = Prefer,
        In = ParameterLocation.Header,
        Description = description + " Other preferences are ignored.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = "wait=5",
    };

    private static OpenApiParameter SignalWait() => new()
    {
        Name = EntityListRequestParser.Wait,
        In = ParameterLocation.Query,
        Description = "As `Prefer: wait=N`, which it overrides: a number of seconds (" + Seconds + ") or `true` (" +
            $"{WaitPreference.DefaultWhenRequested.TotalSeconds:0} s) answers the outcome instead of the receipt; `false` answers the receipt. Anything else is a 400 `invalid-wait`.",
        Schema = new OpenApiSchema
        {
            AnyOf =
            [
                new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "3600" },
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true", "false"] },
            ],
        },
        Example = "5",
    };
}
