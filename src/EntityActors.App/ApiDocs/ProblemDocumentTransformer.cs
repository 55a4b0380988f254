using System.Text.Json.Nodes;
using EntityActors.App.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// Lists every problem <c>code</c> (<see cref="ProblemCatalog"/>) in the document's description, and shows each on the
/// operations that can answer it as an example of the problem response with its status.
/// </summary>
public sealed class ProblemDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "EntityActors API";
        document.Info.Description = Description();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                AddProblems(document, operation, ScopeOf(path, method), KindOf(path));
            }
        }

        return Task.CompletedTask;
    }

    private static ProblemScope ScopeOf(string path, HttpMethod method) =>
        path.Contains("/signals/", StringComparison.Ordinal) ? ProblemScope.Signal
        : path.Contains("/bulk/", StringComparison.Ordinal) || path.StartsWith("/operations", StringComparison.Ordinal) ? ProblemScope.Operation
        : path.StartsWith("/checkouts", StringComparison.Ordinal) || path.EndsWith("/checkouts", StringComparison.Ordinal) ? ProblemScope.Checkout
        : method == HttpMethod.Get ? ProblemScope.Read
        : method == HttpMethod.Delete ? ProblemScope.Delete
        : ProblemScope.Any;

    private static string? KindOf(string path) =>
        path.Contains("/signals/", StringComparison.Ordinal) ? path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] : null;

    private static void AddProblems(OpenApiDocument document, OpenApiOperation operation, ProblemScope scope, string? kind)
    {
        operation.Responses ??= [];
        var statuses = ProblemCatalog.All.Where(code => (code.Scope & scope) != 0 && (kind is null || code.Kind is null || code.Kind == kind))
            .Select(code => code.Status).Distinct().Order();
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var response))
            {
                response = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(status) };
                operation.Responses[key] = response;
            }

            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!concrete.Content.TryGetValue(ProblemJson, out var media))
            {
                media = new OpenApiMediaType();
                concrete.Content[ProblemJson] = media;
            }

            if (media.Schema is null && document.Components?.Schemas?.ContainsKey("ProblemDetails") == true)
            {
                media.Schema = new OpenApiSchemaReference("ProblemDetails", document);
            }

            media.Examples = ProblemCatalog.For(scope, status, kind).ToDictionary(
                code => code.Code,
                code => (IOpenApiExample)new OpenApiExample { Summary = code.Meaning, Value = Example(code) });
        }
    }

    private static JsonObject Example(ProblemCode code) => new()
    {
        ["type"] = Problems.TypePrefix + code.Code,
        ["title"] = code.Meaning,
        ["status"] = code.Status,
        ["detail"] = "What exactly was wrong, and with which value.",
        ["code"] = code.Code,
    };

    private static string Description() =>
        "Long-lived entity workflows on Dapr: carts, accounts and inventory items take **signals** " +
        "(`POST /{kind}/{id}/signals/{signal}`) and answer **reads** (`GET /{kind}/{id}`); checking out a cart runs a saga " +
        "(`/checkouts/{id}`). With the API key on, send it as `X-Api-Key` (Authentication, above).\n\n" +
        "Every error is an RFC 9457 problem (`application/problem+json`) whose `code` is stable:\n\n" +
        "| code | status | meaning |\n|---|---|---|\n" +
        string.Join("\n", ProblemCatalog.All.OrderBy(code => code.Status).ThenBy(code => code.Code, StringComparer.Ordinal)
            .Select(code => $"| `{code.Code}` | {code.Status} | {code.Meaning}{(code.Kind is null ? string.Empty : $" ({code.Kind})")} |"));
}
