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
        ProblemSchema.Describe(document);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                AddProblems(document, operation, ScopeOf(path, method), KindOf(path));
                AddServerAnswers(operation);
            }
        }

        return Task.CompletedTask;
    }

    private static ProblemScope ScopeOf(string path, HttpMethod method) =>
        path.Contains("/signals/", StringComparison.Ordinal) ? ProblemScope.Signal
        : path.Contains("/bulk/", StringComparison.Ordinal) || path.StartsWith("/operations", StringComparison.Ordinal) ? ProblemScope.Operation
        : path.StartsWith("/checkouts", StringComparison.Ordinal) || path.EndsWith("/checkouts", StringComparison.Ordinal) ? ProblemScope.Checkout
        : path.StartsWith("/admin/", StringComparison.Ordinal) ? ProblemScope.Admin
        : method == HttpMethod.Get ? ProblemScope.Read
        : method == HttpMethod.Delete ? ProblemScope.Delete
        : ProblemScope.Any;

    private static string? KindOf(string path) =>
        path.Contains("/signals/", StringComparison.Ordinal) ? path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] : null;

    /// <summary>
    /// Each status some code of the operation's scope answers, with those codes as examples of the problem. A code about
    /// a request body only where the operation takes one: the server never reads a GET's, HEAD's or DELETE's.
    /// </summary>
    private static void AddProblems(OpenApiDocument document, OpenApiOperation operation, ProblemScope scope, string? kind)
    {
        operation.Responses ??= [];
        var readsBody = operation.RequestBody is not null;
        var statuses = ProblemCatalog.For(scope, kind, readsBody).Select(code => code.Status).Distinct().Order();
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

            media.Schema = new OpenApiSchemaReference(ProblemSchema.Name, document);
            media.Examples = ProblemCatalog.For(scope, status, kind, readsBody).ToDictionary(
                code => code.Code,
                code => (IOpenApiExample)new OpenApiExample { Summary = code.Meaning, Value = Example(code) });
        }
    }

    private static void AddServerAnswers(OpenApiOperation operation)
    {
        foreach (var (status, bare) in ServerAnswers.Bare)
        {
            if (operation.Responses!.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                && response is OpenApiResponse concrete
                && concrete.Description?.EndsWith(bare, StringComparison.Ordinal) != true)
            {
                concrete.Description += bare;
            }
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
