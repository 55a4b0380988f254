using EntityActors.App.Checkouts;
using EntityActors.App.Http;
using EntityActors.App.Operations;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// The ids in paths are checked by hand (a 400 with a code, not a route that fails to match), so the document would
/// show any text: this gives every <c>{id}</c>, <c>{checkoutId}</c> and <c>{operationId}</c> the pattern and length
/// the endpoints hold them to.
/// </summary>
public sealed class PathIdDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var operation in document.Paths.Values.SelectMany(item => item.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(parameter => parameter.In == ParameterLocation.Path))
            {
                parameter.Schema = parameter.Name switch
                {
                    "id" => EntityId(parameter.Description ?? "The entity's id."),
                    "checkoutId" => CheckoutId(),
                    "operationId" => OperationId(),
                    _ => parameter.Schema,
                };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>An entity id (<see cref="EntityIds"/>): anything else is a 400 <c>invalid-entity-id</c>.</summary>
    public static OpenApiSchema EntityId(string description) => new()
    {
        Type = JsonSchemaType.String,
        MinLength = 1,
        MaxLength = EntityIds.MaxLength,
        Pattern = EntityIds.Pattern,
        Description = $"{description} 1-{EntityIds.MaxLength} ASCII letters, digits, '-' or '_', starting with a letter or digit.",
    };

    private static OpenApiSchema CheckoutId() => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = CheckoutEndpoints.CheckoutIdMaxLength,
        Pattern = CheckoutEndpoints.CheckoutIdRegex,
        Description = "The checkout's id: its cart's id, `-checkout-` and the attempt (`cart-1-checkout-1`); anything else is a 400 `invalid-checkout-id`.",
    };

    private static OpenApiSchema OperationId() => new()
    {
        Type = JsonSchemaType.String,
        MinLength = 32,
        MaxLength = 32,
        Pattern = OperationEndpoints.OperationIdRegex,
        Description = "The operation's id: 32 lowercase hex digits, as the 202 that started it gave; anything else is a 400 `invalid-operation-id`.",
    };
}
