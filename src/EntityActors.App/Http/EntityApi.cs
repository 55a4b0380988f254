using System.Text.Json;
using System.Diagnostics;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.Queries;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Hosting.Shutdown;
using EntityActors.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EntityActors.App.Http;

/// <summary>
/// The endpoints every entity kind has: send a signal, read the entity. Each kind maps them under its own
/// group (<c>/carts</c>, <c>/accounts</c>, <c>/inventory-items</c>) and may add endpoints of its own.
/// </summary>
public static class EntityApi
{
    /// <summary>Names the replica holding the entity's writer, where clients are told (<c>PeerRouting:AdvertiseToClients</c>).</summary>
    public const string WriterHeader = "Entity-Writer";

    public static RouteGroupBuilder MapEntityApi<TEntity, TState, TSignal, TEvent>(this IEndpointRouteBuilder app, string tag)
        where TEntity : IEntity<TState, TSignal, TEvent>
        where TState : class
        where TSignal : class, ISignal
        where TEvent : class
    {
        var group = app.MapGroup($"/{TEntity.Kind}").WithTags(tag);

        group.MapGet("/{id}", GetEntity<TState>(TEntity.Kind))
            .WithName($"Get{tag}")
            .WithSummary($"Read one of the {tag.ToLowerInvariant()}; optionally wait until a sequence or version is visible.");

        group.MapPost("/{id}/signals/{signal}", SendSignal<TState>(TEntity.Kind))
            .WithName($"Signal{tag}")
            .WithSummary("Send a signal. 202 with a receipt, or with Prefer: wait=N (or ?wait=N) the outcome itself.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return group;
    }

    private static Func<string, long?, long?, string?, HttpContext, EntityReader, CancellationToken, Task<Results<Ok<EntitySnapshot<TState>>, ProblemHttpResult>>>
        GetEntity<TState>(string kind) =>
        async (id, minSequence, minVersion, wait, http, reader, cancellationToken) =>
        {
            if (!EntityIds.IsValid(id))
            {
                return Problems.BadRequest("invalid-entity-id", EntityIds.Describe(id));
            }

            // A malformed number never gets here (BadRequestExceptionHandler answers it with the same codes).
            if (minSequence < 0 || minVersion < 0)
            {
                return minSequence < 0
                    ? Problems.BadRequest("invalid-min-sequence", $"minSequence must be 0 or more; got {minSequence}.")
                    : Problems.BadRequest("invalid-min-version", $"minVersion must be 0 or more; got {minVersion}.");
            }

            var (waitFor, waitError) = WaitPreference.Parse(http.Request.Headers["Prefer"], wait);
            if (waitError is not null)
            {
                return Problems.BadRequest("invalid-wait", waitError);
            }

            var address = new EntityAddress(kind, id);
            var view = (minSequence, minVersion) switch
            {
                (null, null) => await reader.GetAsync<TState>(address, cancellationToken),
                _ => await reader.WaitUntilAsync<TState>(
                    address,
                    v => v.Sequence >= (minSequence ?? 0) && v.Version >= (minVersion ?? 0),
                    waitFor ?? TimeSpan.Zero,
                    cancellationToken),
            };

            if (view is null)
            {
                return Problems.NotFound("entity-not-found", $"No {kind} with id '{id}' has ever received a signal.");
            }

            http.Response.Headers.ETag = $"\"{view.Sequence}\"";
            return TypedResults.Ok(EntitySnapshot<TState>.From(view));
        };

    private static Func<string, string, HttpContext, EntityCatalog, SignalRequestReader, SignalGateway, SignalMetrics, ShutdownDrain, ILoggerFactory, CancellationToken,
        Task<Results<Accepted<SignalAccepted>, Ok<SignalApplied<TState>>, ProblemHttpResult>>>
        SendSignal<TState>(string kind) =>
        async (id, signal, http, catalog, requests, gateway, metrics, drain, loggers, cancellationToken) =>
        {
            var started = Stopwatch.GetTimestamp();
            if (drain.IsDraining)
            {
                // Taken nowhere: the client retries on another replica (this response closes the connection).
                http.Response.Headers.RetryAfter = "1";
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, "replica-stopping", "This replica is shutting down.",
                    "The signal was not acknowledged. Retry with the same Idempotency-Key: it will be applied at most once.");
            }

            if (!EntityIds.IsValid(id))
            {
                return Problems.BadRequest("invalid-entity-id", EntityIds.Describe(id));
            }

            var key = http.Request.Headers[IdempotencyKeys.Header].ToString();
            if (key.Length == 0)
            {
                key = IdempotencyKeys.Generate();
            }
            else if (!IdempotencyKeys.IsValid(key))
            {
                return Problems.BadRequest("invalid-idempotency-key", IdempotencyKeys.Describe(key));
            }

            var (wait, waitError) = WaitPreference.Parse(http.Request.Headers["Prefer"], http.Request.Query["wait"]);
            if (waitError is not null)
            {
                return Problems.BadRequest("invalid-wait", waitError);
            }

            var request = await requests.ReadAsync(http.Request, catalog.Get(kind), signal, key, cancellationToken);
            if (request.Problem is not null)
            {
                return request.Problem;
            }

            http.Response.Headers[IdempotencyKeys.Header] = key;
            var address = new EntityAddress(kind, id);
            SignalAnswer answer;
            try
            {
                answer = await gateway.SubmitAsync(address, request.Submission!, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Unavailable(address, ex, http, loggers);
            }

            if (answer.Writer is { } writer)
            {
                http.Response.Headers[WriterHeader] = writer.ToString();
            }

            var receipt = answer.Receipt;
            metrics.Received(kind, receipt);
            if (receipt.KeyReused)
            {
                return Problems.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "idempotency-key-reused",
                    "The idempotency key was used for a different request.",
                    $"{KeyReuse.Describe(receipt, request.Submission!.Name)}; use a new key for a new request.");
            }

            if (receipt.Duplicate)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            var accepted = SignalAccepted.From(receipt);
            if (wait is null)
            {
                metrics.Answered(kind, Stopwatch.GetElapsedTime(started), waited: false);
                return TypedResults.Accepted(accepted.Status, accepted);
            }

            // The writer decided the signal before answering: the outcome is here, nothing to wait for.
            metrics.Answered(kind, Stopwatch.GetElapsedTime(started), waited: true);
            if (receipt.Outcome is not { } outcome || answer.Entity is not { } entity)
            {
                return TypedResults.Accepted(accepted.Status, accepted);
            }

            var view = entity.WithState(entity.State.Deserialize<TState>(EntityJson.Options)!);
            http.Response.Headers["Preference-Applied"] = "wait";
            if (outcome.Rejection is { } rejection)
            {
                return Problems.FromRejection(rejection, new Dictionary<string, object?>
                {
                    ["signalId"] = receipt.SignalId,
                    ["sequence"] = receipt.Sequence,
                    ["version"] = outcome.Version,
                    ["duplicate"] = receipt.Duplicate,
                });
            }

            return TypedResults.Ok(new SignalApplied<TState>(
                receipt.SignalId, receipt.Name, key, receipt.Sequence, outcome.Version, receipt.Duplicate, outcome.At, EntitySnapshot<TState>.From(view)));
        };

    private static ProblemHttpResult Unavailable(EntityAddress address, Exception ex, HttpContext http, ILoggerFactory loggers)
    {
        if (DaprErrors.IsEntityUnavailable(ex))
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "entity-unavailable", "The entity is unavailable.",
                $"The workflow of {address} has ended and takes no signals; nothing was changed.");
        }

        loggers.CreateLogger(typeof(EntityApi)).LogSignalNotAccepted(address.ToString(), ex);

        // Mostly the entity's replica going away; placement moves it within seconds (deploy/README.md).
        http.Response.Headers.RetryAfter = "1";
        return Problems.Create(StatusCodes.Status503ServiceUnavailable, "entity-unreachable", "The entity could not take the signal now.",
            "The signal was not acknowledged. Retry with the same Idempotency-Key: it will be applied at most once.");
    }
}
