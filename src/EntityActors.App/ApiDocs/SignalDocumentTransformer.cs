using EntityActors.App.Engine.Contracts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// The signal endpoints read their body by hand (the route names the signal), so the document would show none: this
/// names every signal of each kind on its route parameter and gives an example body for each.
/// </summary>
public sealed class SignalDocumentTransformer(EntityCatalog catalog) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var kind in catalog.Kinds)
        {
            if (document.Paths.TryGetValue($"/{kind}/{{id}}/signals/{{signal}}", out var path)
                && path.Operations?.TryGetValue(HttpMethod.Post, out var operation) == true)
            {
                Describe(operation, catalog.Get(kind));
            }
        }

        return Task.CompletedTask;
    }

    private static void Describe(OpenApiOperation operation, EntityDescriptor entity)
    {
        var examples = SignalExamples.For(entity);
        if (operation.Parameters?.FirstOrDefault(parameter => parameter.Name == "signal") is OpenApiParameter { Schema: OpenApiSchema schema } signal)
        {
            schema.Enum = [.. examples.Select(example => (System.Text.Json.Nodes.JsonNode)example.Signal)];
            signal.Description = $"The signal to send: {string.Join(", ", examples.Select(example => example.Signal))}.";
        }

        operation.Description =
            "The body is the signal's fields as JSON (pick an example: its name is the `signal` to put in the path). " +
            "`Idempotency-Key` makes a retry safe: the same key and body answer the first outcome again, " +
            "`Prefer: wait=N` waits up to N seconds for the outcome (200 applied, or the rejection as a problem).";
        operation.RequestBody = new OpenApiRequestBody
        {
            Description = "The signal's fields; `{}` for a signal without any.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object },
                    Examples = examples.ToDictionary(
                        example => example.Signal,
                        example => (IOpenApiExample)new OpenApiExample { Summary = example.Signal, Value = example.Body }),
                },
            },
        };
    }
}
