using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Queries;
using EntityActors.App.ReadModel.Projections;
using EntityActors.App.ReadModel.Queries;
using EntityActors.App.ReadModel.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EntityActors.App.ReadModel;

/// <summary><c>GET /{kind}</c>: list and filter a kind's entities from the read model; and the read model's admin endpoints.</summary>
public static class ReadModelEndpoints
{
    public const string AdminTag = "Admin";

    public static IEndpointRouteBuilder MapEntityList<TState, TSummary>(this IEndpointRouteBuilder app, EntityProjection<TState, TSummary> projection, string tag)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(projection);
        app.MapGet($"/{projection.Kind}", List(projection))
            .WithTags(tag)
            .WithName($"List{tag}")
            .WithSummary($"List {projection.Kind}, newest change first: filter ({string.Join(", ", ["status", "changedAfter", "changedBefore", "idleFor", .. projection.Filters])}), page with cursor, read your writes with after + wait.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    public static IEndpointRouteBuilder MapReadModelAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/read-model").WithTags(AdminTag);
        admin.MapGet("/", (ReadModelRebuilder rebuilder, CancellationToken cancellationToken) => GetStatusAsync(rebuilder, cancellationToken))
            .WithName("GetReadModel")
            .WithSummary("The read model's database, position and last rebuild.");
        admin.MapPost("/rebuild", async (ReadModelRebuilder rebuilder, CancellationToken cancellationToken) =>
            {
                _ = rebuilder.Start();
                return TypedResults.Accepted("/admin/read-model", await rebuilder.StatusAsync(cancellationToken));
            })
            .WithName("RebuildReadModel")
            .WithSummary("Rebuild the read model from the entities themselves (every entity workflow's current view); 202, follow with GET /admin/read-model.");
        return app;
    }

    private static async Task<Ok<ReadModelStatus>> GetStatusAsync(ReadModelRebuilder rebuilder, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rebuilder.StatusAsync(cancellationToken));

    private static Func<HttpContext, ReadModelStore, ReadModelWriter, EntityReader, EntityCatalog, EntityProjections, IOptions<ReadModelOptions>, TimeProvider, CancellationToken,
        Task<Results<Ok<EntityListPage<TSummary, TState>>, ProblemHttpResult>>> List<TState, TSummary>(EntityProjection<TState, TSummary> projection)
        where TState : class =>
        async (http, store, writer, reader, catalog, projections, options, time, cancellationToken) =>
        {
            var (request, problem) = EntityListRequestParser.Parse(
                http.Request.Query, http.Request.Headers["Prefer"], projection, projections, catalog.Kinds, options.Value, time.GetUtcNow());
            if (problem is not null)
            {
                return problem;
            }

            bool? afterReached = request!.After is { } after ? await CatchUpAsync(after, request.Wait, reader, writer, time, cancellationToken) : null;

            var page = await store.ListAsync(request.Query, cancellationToken);
            var items = page.Rows
                .Select(row => new EntityListItem<TSummary, TState>(
                    row.Id, row.Kind, row.Status, row.Version, row.Sequence, row.LastChangedAt, projection.ReadSummary(row.Summary), projection.ReadState(row.State)))
                .ToList();
            var next = page.NextCursor is { } cursor ? ListCursor.Bind(cursor, request.List) : null;
            return TypedResults.Ok(new EntityListPage<TSummary, TState>(projection.Kind, items, next, page.Position) { AfterReached = afterReached });
        };

    /// <summary>
    /// Read your writes without waiting for the event: waits (bounded) until the entity itself shows the signal applied,
    /// then stores that view. Works for rejected signals too, which publish no event.
    /// </summary>
    /// <returns>Whether the entity showed the signal applied within the wait.</returns>
    private static async Task<bool> CatchUpAsync(ReadAfter after, TimeSpan wait, EntityReader reader, ReadModelWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var observedAt = time.GetUtcNow();
        var view = await reader.WaitUntilAsync<JsonElement>(after.Address, v => v.Sequence >= after.Sequence, wait, cancellationToken);
        if (view is null || view.Sequence < after.Sequence)
        {
            return false;
        }

        await writer.StoreAsync(view, observedAt, UpsertMode.Newer, cancellationToken);
        return true;
    }
}
