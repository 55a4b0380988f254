using System.Globalization;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EntityActors.App.History;

/// <summary><c>GET /{kind}/{id}/history?before=&amp;limit=</c>: every handled signal of an entity, newest first.</summary>
public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapEntityHistory(this IEndpointRouteBuilder app, string kind, string tag)
    {
        app.MapGet($"/{kind}/{{id}}/history", GetHistory(kind))
            .WithTags(tag)
            .WithName($"Get{tag}History")
            .WithSummary("Every handled signal, newest first: sequence, signal, key, accepted or why not, its events, when accepted and applied, its trace id. Paged with before (a sequence).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Func<string, string?, string?, EntityHistoryReader, IOptions<HistoryOptions>, CancellationToken, Task<Results<Ok<HistoryPage>, ProblemHttpResult>>>
        GetHistory(string kind) =>
        async (id, before, limit, history, options, cancellationToken) =>
        {
            if (!EntityIds.IsValid(id))
            {
                return Problems.BadRequest("invalid-entity-id", EntityIds.Describe(id));
            }

            long? beforeSequence = null;
            if (before is not null)
            {
                if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
                {
                    return Problems.BadRequest("invalid-before", $"before must be a sequence number, 1 or more (the nextBefore of an earlier page); got '{Short(before)}'.");
                }

                beforeSequence = parsed;
            }

            var take = options.Value.DefaultPageSize;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > options.Value.MaxPageSize))
            {
                return Problems.BadRequest("invalid-limit", $"limit must be a whole number from 1 to {options.Value.MaxPageSize}; got '{Short(limit)}'.");
            }

            var page = await history.ReadAsync(new EntityAddress(kind, id), beforeSequence, take, cancellationToken);
            return page is null
                ? Problems.NotFound("entity-not-found", $"No {kind} with id '{id}' exists.")
                : TypedResults.Ok(page);
        };

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
