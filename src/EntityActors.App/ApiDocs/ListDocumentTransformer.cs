using System.Text.Json.Nodes;
using EntityActors.App.ReadModel.Projections;
using EntityActors.App.ReadModel.Queries;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EntityActors.App.ApiDocs;

/// <summary>
/// The list endpoints read their query by hand (a parameter a kind does not know is refused), so the document would
/// show none: this declares each kind's parameters, its statuses as an enum (the explorer reads them from here).
/// </summary>
public sealed class ListDocumentTransformer(EntityProjections projections) : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, (JsonSchemaType Type, string? Format, string Description)> Filters = new(StringComparer.Ordinal)
    {
        [EntityListRequestParser.ChangedAfter] = (JsonSchemaType.String, "date-time", "Last accepted change after this instant (exclusive)."),
        [EntityListRequestParser.ChangedBefore] = (JsonSchemaType.String, "date-time", "Last accepted change before this instant (exclusive)."),
        [EntityListRequestParser.IdleFor] = (JsonSchemaType.String, null, "Unchanged for at least this long: an ISO-8601 duration (PT30M, P1D) or seconds."),
        [EntityListRequestParser.Limit] = (JsonSchemaType.Integer, "int32", "Page size."),
        [EntityListRequestParser.Cursor] = (JsonSchemaType.String, null, "The nextCursor of the previous page."),
        [EntityListRequestParser.After] = (JsonSchemaType.String, null, "Read your writes: a receipt's signalId (with wait), listed once applied."),
        [EntityListRequestParser.Wait] = (JsonSchemaType.String, null, "Seconds to wait for `after`, or true."),
        [AccountProjection.MinBalance] = (JsonSchemaType.Number, "decimal", "Balance at least this (inclusive)."),
        [AccountProjection.MaxBalance] = (JsonSchemaType.Number, "decimal", "Balance at most this (inclusive)."),
        [InventoryItemProjection.BelowStock] = (JsonSchemaType.Integer, "int32", "Fewer units available (on hand less reserved) than this."),
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var projection in projections.All)
        {
            if (document.Paths.TryGetValue($"/{projection.Kind}", out var path)
                && path.Operations?.TryGetValue(HttpMethod.Get, out var operation) == true)
            {
                operation.Parameters = [Status(projection), .. Names(projection).Select(Parameter)];
            }
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<string> Names(IEntityProjection projection) =>
        Filters.Keys.Where(name => !IsKindFilter(name) || projection.Filters.Contains(name, StringComparer.Ordinal));

    private static bool IsKindFilter(string name) =>
        name is AccountProjection.MinBalance or AccountProjection.MaxBalance or InventoryItemProjection.BelowStock;

    private static OpenApiParameter Status(IEntityProjection projection) => new()
    {
        Name = EntityListRequestParser.Status,
        In = ParameterLocation.Query,
        Description = "Any of these statuses, comma-separated.",
        Style = ParameterStyle.Form,
        Explode = false,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. projection.Statuses.Select(status => (JsonNode)status)] },
        },
    };

    private static OpenApiParameter Parameter(string name) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = Filters[name].Description,
        Schema = new OpenApiSchema { Type = Filters[name].Type, Format = Filters[name].Format },
    };
}
