using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Hosting;
using EntityActors.App.Http;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Subscriptions;

/// <summary>
/// Signals over pub/sub: the same validation and the same single-writer intake as HTTP. Delivery is at
/// least once; the idempotency key (or the CloudEvent id) makes a redelivery a no-op. Bad messages are
/// dropped with a warning, never retried; transient failures are retried by the sidecar.
/// </summary>
public static class SignalSubscription
{
    public const string Route = "/subscriptions/signals";

    public static WebApplication MapSignalSubscription(this WebApplication app)
    {
        var components = app.Services.GetRequiredService<IOptions<DaprComponentsOptions>>().Value;
        var topics = app.Services.GetRequiredService<IOptions<TopicOptions>>().Value;
        app.MapSubscribeHandler();
        app.MapPost(Route, HandleAsync).WithTopic(components.PubSub, topics.Signals).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request, EntityCatalog catalog, SignalGateway gateway, SignalMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SignalSubscription));
        JsonElement cloudEvent;
        InboundSignal? inbound;
        try
        {
            cloudEvent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, EntityJson.Options, cancellationToken);
            inbound = cloudEvent.TryGetProperty("data", out var data) ? data.Deserialize<InboundSignal>(EntityJson.Options) : null;
        }
        catch (JsonException ex)
        {
            return Drop(logger, $"not JSON: {ex.Message}");
        }

        if (inbound is null || !catalog.TryGet(inbound.Kind ?? string.Empty, out var entity))
        {
            return Drop(logger, $"unknown entity kind '{inbound?.Kind}'");
        }

        if (!EntityIds.IsValid(inbound.Id))
        {
            return Drop(logger, EntityIds.Describe(inbound.Id));
        }

        var key = inbound.IdempotencyKey
            ?? (cloudEvent.TryGetProperty("id", out var id) ? CloudEventKeys.For(id) : null)
            ?? string.Empty;
        if (!IdempotencyKeys.IsValid(key))
        {
            return Drop(logger, IdempotencyKeys.Describe(key));
        }

        var body = inbound.Body is { } element ? JsonSerializer.SerializeToUtf8Bytes(element) : [];
        var parsed = SignalRequestReader.Parse(entity, inbound.Signal ?? string.Empty, body, key);
        if (parsed.Submission is null)
        {
            return Drop(logger, parsed.Problem?.ProblemDetails.Detail ?? "invalid signal");
        }

        try
        {
            var answer = await gateway.SubmitAsync(new EntityAddress(entity.Kind, inbound.Id), parsed.Submission, cancellationToken);
            metrics.Received(entity.Kind, answer.Receipt);
            return Results.Ok(new { status = "SUCCESS" });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogSubscriptionRetry(entity.Kind, inbound.Id, ex);
            return Results.Ok(new { status = "RETRY" });
        }
    }

    private static IResult Drop(ILogger logger, string reason)
    {
        logger.LogSubscriptionDrop(reason);
        return Results.Ok(new { status = "DROP" });
    }
}
