using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Hosting;
using EntityActors.App.Http;
using EntityActors.App.ReadModel.Projections;
using Microsoft.Extensions.Options;

namespace EntityActors.App.ReadModel;

/// <summary>
/// The read model's one consumer: a subscription to each kind's topic of domain events (one CloudEvent per accepted
/// signal). Each event nudges <see cref="ReadModelWriter.RefreshAsync"/> for its entity; what the event carries beyond
/// its entity, sequence and time is not needed. A malformed event is dropped; a failure is retried by the sidecar.
/// </summary>
public static partial class ReadModelSubscription
{
    /// <summary>Under <c>/subscriptions</c>, where the app API token guards the sidecar's calls and the API key does not apply.</summary>
    public const string RoutePrefix = "/subscriptions/read-model/";

    public static WebApplication MapReadModelSubscription(this WebApplication app)
    {
        var components = app.Services.GetRequiredService<IOptions<DaprComponentsOptions>>().Value;
        var topics = app.Services.GetRequiredService<IOptions<TopicOptions>>().Value;
        foreach (var projection in app.Services.GetRequiredService<EntityProjections>().All)
        {
            var kind = projection.Kind;
            app.MapPost(RoutePrefix + kind, (HttpRequest request, ReadModelWriter writer, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                    HandleAsync(kind, request, writer, loggers.CreateLogger(typeof(ReadModelSubscription)), cancellationToken))
                .WithTopic(components.PubSub, topics.EntityEvents(kind))
                .ExcludeFromDescription();
        }

        return app;
    }

    private static async Task<IResult> HandleAsync(string kind, HttpRequest request, ReadModelWriter writer, ILogger logger, CancellationToken cancellationToken)
    {
        DomainEventData? data;
        DateTimeOffset? time = null;
        try
        {
            var cloudEvent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, EntityJson.Options, cancellationToken);
            data = cloudEvent.TryGetProperty("data", out var payload) ? payload.Deserialize<DomainEventData>(EntityJson.Options) : null;
            if (cloudEvent.TryGetProperty("time", out var stamp) && stamp.TryGetDateTimeOffset(out var at))
            {
                time = at;
            }
        }
        catch (JsonException ex)
        {
            LogDropped(logger, kind, ex.Message);
            return Results.Ok(new { status = "DROP" });
        }

        if (data is null || data.Kind != kind || !EntityIds.IsValid(data.EntityId))
        {
            LogDropped(logger, kind, "not a domain event of this kind");
            return Results.Ok(new { status = "DROP" });
        }

        try
        {
            await writer.RefreshAsync(new EntityAddress(kind, data.EntityId), data.Sequence, time, cancellationToken);
            return Results.Ok(new { status = "SUCCESS" });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRetry(logger, kind, data.EntityId, ex);
            return Results.Ok(new { status = "RETRY" });
        }
    }

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Read model dropped an event on topic {Kind}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Read model could not refresh {Kind}/{Id}; the sidecar retries the event")]
    private static partial void LogRetry(ILogger logger, string kind, string id, Exception exception);
}
