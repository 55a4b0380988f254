using System.Text.Json.Nodes;
using EntityActors.App.Checkouts;
using EntityActors.App.Http;
using EntityActors.App.Operations;
using EntityActors.Domain.Carts;
using EntityActors.Domain.Inventory;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// The checkout decisions, the resolution and the bulk operations read their body by hand (strictly, to a size limit),
/// so the document would show none: this declares each, required or not, with its schema and an example.
/// </summary>
public sealed class RequestBodyDocumentTransformer(IOptions<OperationOptions> operations) : IOpenApiDocumentTransformer
{
    public const string ApprovePath = "/checkouts/{checkoutId}/approve";
    public const string DenyPath = "/checkouts/{checkoutId}/deny";
    public const string ResolvePath = "/checkouts/{checkoutId}/resolve";
    public static readonly string RestockPath = $"/{InventoryItem.Kind}/bulk/restock";
    public static readonly string ExpirePath = $"/{Cart.Kind}/bulk/expire";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        Set(document, ApprovePath, Decision("The approval's author and why; both optional, and so is the body (the author is then `anonymous`)."));
        Set(document, DenyPath, Decision("The denial's author and why; both optional, and so is the body (the author is then `anonymous`). The comment becomes the reason the checkout fails."));
        Set(document, ResolvePath, Resolution());
        Set(document, RestockPath, await RestockAsync(document, context, cancellationToken));
        Set(document, ExpirePath, Expire());
    }

    private static void Set(OpenApiDocument document, string path, OpenApiRequestBody body)
    {
        if (document.Paths.TryGetValue(path, out var item) && item.Operations?.TryGetValue(HttpMethod.Post, out var operation) == true)
        {
            operation.RequestBody = body;
        }
    }

    private static OpenApiRequestBody Decision(string description) => Json(
        description,
        required: false,
        new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["by"] = Text("Who decided.", CheckoutEndpoints.ApprovalBody.MaxByLength),
                ["comment"] = Text("Why.", CheckoutEndpoints.ApprovalBody.MaxCommentLength),
            },
        },
        new JsonObject { ["by"] = "ops@example.com", ["comment"] = "Known customer, large order expected." });

    private static OpenApiRequestBody Resolution() => Json(
        "What became of the cart once money and stock were reconciled by hand, who says so and why.",
        required: true,
        new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalPropertiesAllowed = false,
            Required = new HashSet<string>(["cart", "by"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["cart"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [CheckoutEndpoints.CheckoutResolution.CheckedOut, CheckoutEndpoints.CheckoutResolution.Open],
                    Description = "`checked-out`: the order stands; `open`: it does not, and the cart takes signals again.",
                },
                ["by"] = Text("Who resolved it.", CheckoutEndpoints.ApprovalBody.MaxByLength),
                ["comment"] = Text("Why; optional.", CheckoutEndpoints.ApprovalBody.MaxCommentLength),
            },
        },
        new JsonObject { ["cart"] = CheckoutEndpoints.CheckoutResolution.CheckedOut, ["by"] = "ops@example.com", ["comment"] = "Payment captured by hand." });

    /// <summary>Lines of the restock signal, each naming its item: the signal's own schema and an <c>id</c>.</summary>
    private async Task<OpenApiRequestBody> RestockAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var signal = await SignalDocumentTransformer.SignalSchemaAsync(document, context, "restock", typeof(Restock), cancellationToken);
        var line = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalPropertiesAllowed = false,
            Description = "One item to restock: its id and the restock signal's body.",
            Properties = new Dictionary<string, IOpenApiSchema>(signal.Properties ?? new Dictionary<string, IOpenApiSchema>(), StringComparer.Ordinal)
            {
                ["id"] = PathIdDocumentTransformer.EntityId("The inventory item's id."),
            },
            Required = new HashSet<string>([.. signal.Required ?? new HashSet<string>(), "id"], StringComparer.Ordinal),
        };
        return Json(
            $"The lines, at most {operations.Value.MaxLines:N0} and {operations.Value.MaxBodyBytes:N0} bytes (EntityActors:Operations); " +
            "each is validated as the restock signal would be, and any invalid line refuses the whole request (`invalid-lines`).",
            required: true,
            new OpenApiSchema { Type = JsonSchemaType.Array, MinItems = 1, MaxItems = operations.Value.MaxLines, Items = line },
            new JsonArray(new JsonObject { ["id"] = "apple", ["quantity"] = 10 }, new JsonObject { ["id"] = "pear", ["quantity"] = 5 }));
    }

    private OpenApiRequestBody Expire() => Json(
        "The carts to consider: each is expired if it is idle for `idleFor`. Without a body, every idle cart the read model " +
        "knows is considered (`cart-ids-required` where there is no read model to search).",
        required: false,
        new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalPropertiesAllowed = false,
            Required = new HashSet<string>(["cartIds"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["cartIds"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MinItems = 1,
                    MaxItems = operations.Value.MaxLines,
                    Items = PathIdDocumentTransformer.EntityId("A cart's id."),
                },
            },
        },
        new JsonObject { ["cartIds"] = new JsonArray("cart-1", "cart-2") });

    private static OpenApiRequestBody Json(string description, bool required, OpenApiSchema schema, JsonNode example) => new()
    {
        Description = description,
        Required = required,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = schema, Example = example },
        },
    };

    private static OpenApiSchema Text(string description, int maxLength) =>
        new() { Type = JsonSchemaType.String, MinLength = 1, MaxLength = maxLength, Description = description + " Not blank." };
}
