using EntityActors.App.Http;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// The problem schema as the API sends it (<see cref="Problems"/>): RFC 9457's members, the stable <c>code</c> every
/// error carries, the <c>traceId</c> ASP.NET Core adds, and the extensions some answers carry; others are allowed.
/// </summary>
public static class ProblemSchema
{
    public const string Name = "ProblemDetails";

    /// <summary>The problem component, made (or completed) in <paramref name="document"/>.</summary>
    public static void Describe(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.TryGetValue(Name, out var existing) || existing is not OpenApiSchema schema)
        {
            schema = new OpenApiSchema { Type = JsonSchemaType.Object };
            document.Components.Schemas[Name] = schema;
        }

        schema.Description = "An RFC 9457 problem. `code` is stable (the table in the API's description lists every one); " +
            "members beyond those named here may be added.";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        schema.Properties["type"] = Text($"`{Problems.TypePrefix}` and the code.", "uri");
        schema.Properties["title"] = Text("A short summary of the kind of problem.");
        schema.Properties["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." };
        schema.Properties["detail"] = Text("What exactly was wrong in this request, and with which value.");
        schema.Properties["instance"] = Text("The request path, where given.");
        schema.Properties["code"] = Text("The stable, machine-readable code of the problem (e.g. `insufficient-funds`): branch on this, not on title or detail.");
        schema.Properties["traceId"] = Text("The request's W3C trace context (`00-<trace id>-<span id>-<flags>`): the key to its logs and traces.");
        schema.Properties["signalId"] = Text("A waited signal's rejection: the id of the signal that was refused.");
        schema.Properties["sequence"] = Integer("A waited signal's rejection: the entity's sequence number of the refused signal.");
        schema.Properties["version"] = Integer("A waited signal's rejection: the entity's version, unchanged by the refusal.");
        schema.Properties["duplicate"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "A waited signal's rejection: the request repeated an earlier one (same Idempotency-Key and body)." };
        schema.Properties["invalidLines"] = Integer("A bulk request's `invalid-lines`: how many lines are invalid.");
        schema.Properties["lines"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "A bulk request's `invalid-lines`: the invalid lines (the first 100), each with why.",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string>(["line", "code", "detail"], StringComparer.Ordinal),
                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                {
                    ["line"] = Integer("The line's number, from 1."),
                    ["code"] = Text("Why the line is invalid: the code its signal endpoint would answer (e.g. `invalid-quantity`)."),
                    ["detail"] = Text("What exactly is wrong with the line."),
                },
            },
        };
        schema.Required = new HashSet<string>(["type", "title", "status", "code"], StringComparer.Ordinal);
        // Said, not left to the default: other extensions may come, of any shape.
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = new OpenApiSchema();
    }

    private static OpenApiSchema Text(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };

    private static OpenApiSchema Integer(string description) =>
        new() { Type = JsonSchemaType.Integer, Format = "int64", Description = description };
}
