using EntityActors.App.Engine.Contracts;
using EntityActors.App.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EntityActors.App.Retention;

/// <summary>
/// <c>DELETE /{kind}/{id}</c>: erases the entity entirely (see <see cref="EntityEraser"/>); 204, or 404 when there was
/// nothing to erase. A later signal to the same id creates a new entity from scratch.
/// </summary>
public static partial class DeleteEndpoints
{
    public static IEndpointRouteBuilder MapEntityDelete(this IEndpointRouteBuilder app, string kind, string tag)
    {
        app.MapDelete($"/{kind}/{{id}}", Delete(kind))
            .WithTags(tag)
            .WithName($"Delete{tag}")
            .WithSummary("Erase the entity entirely: workflow, idempotency keys, envelopes, outcome records, read-model row. A later signal to the id starts a new entity.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Func<string, EntityDeleter, ILoggerFactory, CancellationToken, Task<Results<NoContent, ProblemHttpResult>>> Delete(string kind) =>
        async (id, deleter, loggers, cancellationToken) =>
        {
            if (!EntityIds.IsValid(id))
            {
                return Problems.BadRequest("invalid-entity-id", EntityIds.Describe(id));
            }

            var address = new EntityAddress(kind, id);
            EraseResponse erased;
            try
            {
                erased = await deleter.DeleteAsync(address, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDeleteFailed(loggers.CreateLogger(typeof(DeleteEndpoints)), address.ToString(), ex);
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, "entity-unreachable", "The entity could not be deleted now.",
                    "The delete did not complete; retry it. A delete is idempotent: what was erased stays erased.");
            }

            if (erased.Refused is { } refused)
            {
                return Problems.FromRejection(refused);
            }

            return erased.Existed
                ? TypedResults.NoContent()
                : Problems.NotFound("entity-not-found", $"No {kind} with id '{id}' exists.");
        };

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Deleting {Entity} failed")]
    private static partial void LogDeleteFailed(ILogger logger, string entity, Exception exception);
}
