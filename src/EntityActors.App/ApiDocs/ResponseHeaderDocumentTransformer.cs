using EntityActors.App.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// The endpoints set their response headers by hand, so the document would show none: this declares each on the
/// responses whose code sets it (each rule names where), after the problem responses exist.
/// </summary>
public sealed class ResponseHeaderDocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly string[] WaitedOutcomes = ["200", "400", "409", "422"];

    private static readonly IReadOnlyList<Rule> Rules =
    [
        // Every 202 is TypedResults.Accepted with a location: the signal's receipt, a decision, a bulk operation, a rebuild.
        new(HeaderNames.Location, "Where to follow what was accepted: the entity once the signal is applied " +
            "(`/{kind}/{id}?minSequence=N&wait=5`), the checkout, the operation (`/operations/{id}`) or the read model's status.",
            (_, _, status) => status == "202", Required: true),

        // EntityApi.SendSignal, once the body is read: on the receipt, the outcome, and what the entity answered.
        new(IdempotencyKeys.Header, "The key the signal was taken under: the one sent, or the one the server made. Retry with it.",
            (path, _, status) => IsSignal(path) && status is "200" or "202" or "400" or "409" or "422" or "503", Required: false),

        new("Idempotent-Replayed", "`true` when this answers a repeat (same Idempotency-Key and body): nothing was applied again.",
            (path, _, status) => (IsSignal(path) && (status == "202" || WaitedOutcomes.Contains(status))) || (IsBulk(path) && status == "202"),
            Required: false, Enum: "true"),

        new("Preference-Applied", "`wait` when `Prefer: wait` or `?wait` was honoured: this is the signal's outcome, not its receipt.",
            (path, _, status) => IsSignal(path) && WaitedOutcomes.Contains(status), Required: false, Enum: "wait"),

        // replica-stopping and entity-unreachable (EntityApi), checkout-starting (CheckoutEndpoints): seconds to wait.
        new(HeaderNames.RetryAfter, "Seconds to wait before retrying (`replica-stopping`, `entity-unreachable`, `checkout-starting`); " +
            "retry a signal with the same Idempotency-Key.",
            (path, _, status) => status == "503" && (IsSignal(path) || path.StartsWith("/checkouts/", StringComparison.Ordinal)),
            Required: false, Integer: true),

        // UnknownRoutes: a path served with other methods.
        new(HeaderNames.Allow, "The methods the path is served with.", (_, _, status) => status == "405", Required: true),

        new(EntityApi.WriterHeader, "With EntityActors:PeerRouting:AdvertiseToClients on: the replica that holds the entity's " +
            "single writer, where a client inside the cluster may send the entity's next requests.",
            (path, _, status) => IsSignal(path) && (status == "202" || WaitedOutcomes.Contains(status)), Required: false),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (response is not OpenApiResponse concrete)
                    {
                        continue;
                    }

                    foreach (var rule in Rules.Where(rule => rule.On(path, method, status)))
                    {
                        concrete.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase);
                        concrete.Headers[rule.Name] = rule.ToHeader();
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsSignal(string path) => path.EndsWith("/signals/{signal}", StringComparison.Ordinal);

    private static bool IsBulk(string path) => path.Contains("/bulk/", StringComparison.Ordinal);

    /// <summary>A response header and where it is sent: path template, method, status.</summary>
    private sealed record Rule(string Name, string Description, Func<string, HttpMethod, string, bool> On, bool Required, string? Enum = null, bool Integer = false)
    {
        public OpenApiHeader ToHeader() => new()
        {
            Description = Description,
            Required = Required,
            Schema = new OpenApiSchema
            {
                Type = Integer ? JsonSchemaType.Integer : JsonSchemaType.String,
                Enum = Enum is null ? null : [Enum],
            },
        };
    }
}
