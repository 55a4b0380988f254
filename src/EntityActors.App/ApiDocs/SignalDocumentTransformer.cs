using System.Text.Json.Nodes;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// The signal endpoints read their body by hand (the route names the signal), so the document would show none: this
/// names every signal of each kind on its route parameter, and gives each signal its own schema (a component named
/// after its type) and an example body.
/// </summary>
public sealed class SignalDocumentTransformer(EntityCatalog catalog) : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var kind in catalog.Kinds)
        {
            if (document.Paths.TryGetValue($"/{kind}/{{id}}/signals/{{signal}}", out var path)
                && path.Operations?.TryGetValue(HttpMethod.Post, out var operation) == true)
            {
                await DescribeAsync(document, context, operation, catalog.Get(kind), cancellationToken);
            }
        }
    }

    /// <summary>The component name of a signal's body schema: its type's name and <c>Signal</c> (<c>DepositSignal</c>).</summary>
    public static string SchemaName(Type signalType) => signalType.Name + "Signal";

    /// <summary>
    /// A signal body's schema, registered as a component (once) and referenced: the type's fields as the API's JSON
    /// writes them, required as the signal reader requires them, nothing else but the optional <c>type</c>.
    /// </summary>
    public static async Task<IOpenApiSchema> SignalSchemaAsync(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, string signal, Type signalType, CancellationToken cancellationToken)
    {
        var name = SchemaName(signalType);
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(signalType, cancellationToken: cancellationToken);
            var properties = new Dictionary<string, IOpenApiSchema>(schema.Properties ?? new Dictionary<string, IOpenApiSchema>(), StringComparer.Ordinal)
            {
                ["type"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [JsonValue.Create(signal)],
                    Description = "Optional: the signal's name again; another name is refused (the route names the signal).",
                },
            };
            document.AddComponent(name, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Title = signal,
                Description = $"The body of the `{signal}` signal.",
                Properties = properties,
                Required = new HashSet<string>(JsonRequestBody.RequiredFields(signalType), StringComparer.Ordinal),
                AdditionalPropertiesAllowed = false,
            });
        }

        return new OpenApiSchemaReference(name, document);
    }

    private static async Task DescribeAsync(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, OpenApiOperation operation, EntityDescriptor entity, CancellationToken cancellationToken)
    {
        var examples = SignalExamples.For(entity);
        if (operation.Parameters?.FirstOrDefault(parameter => parameter.Name == "signal") is OpenApiParameter { Schema: OpenApiSchema schema } signal)
        {
            schema.Enum = [.. examples.Select(example => (JsonNode)example.Signal)];
            signal.Description = $"The signal to send: {string.Join(", ", examples.Select(example => example.Signal))}.";
        }

        var schemas = new List<IOpenApiSchema>();
        foreach (var (name, _) in examples)
        {
            schemas.Add(await SignalSchemaAsync(document, context, name, entity.Signals[name], cancellationToken));
        }

        operation.Description =
            "The body is the signal's fields as JSON (pick an example: its name is the `signal` to put in the path; the schema " +
            "of each signal is among the body's `anyOf`, titled with its name). " +
            "`Idempotency-Key` makes a retry safe: the same key and body answer the first outcome again, " +
            "`Prefer: wait=N` (or `?wait=N`) answers the outcome (200 applied, or the rejection as a problem) instead of the receipt.";
        operation.RequestBody = new OpenApiRequestBody
        {
            Description = "The signal's fields; `{}` (or no body) for a signal without any.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    // anyOf, not oneOf: the signals without fields share one shape ({}).
                    Schema = new OpenApiSchema { AnyOf = schemas },
                    Examples = examples.ToDictionary(
                        example => example.Signal,
                        example => (IOpenApiExample)new OpenApiExample { Summary = example.Signal, Value = example.Body }),
                },
            },
        };
    }
}
