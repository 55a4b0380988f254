using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Intake;
using EntityActors.App.Engine.Options;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Subscriptions;

/// <summary>
/// Signals over pub/sub: the same validation and the same single-writer intake as HTTP. Delivery is at
/// least once; the idempotency key (or the CloudEvent's source and id) makes a redelivery a no-op. Bad messages, and
/// a key first used for a different signal, are dropped with a warning, never retried; transient failures are retried
/// by the sidecar.
/// </summary>
public static class SignalSubscription
{
    public const string Route = "/subscriptions/signals";

    /// <summary>The most a message may carry around its signal's body (the CloudEvent's attributes, the wrapper's fields).</summary>
    private const int EnvelopeBytes = 16 * 1024;

    public static WebApplication MapSignalSubscription(this WebApplication app)
    {
        var components = app.Services.GetRequiredService<IOptions<DaprComponentsOptions>>().Value;
        var topics = app.Services.GetRequiredService<IOptions<TopicOptions>>().Value;
        app.MapSubscribeHandler();
        app.MapPost(Route, HandleAsync).WithTopic(components.PubSub, topics.Signals).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request, EntityCatalog catalog, SignalGateway gateway, SignalMetrics metrics, IOptions<IntakeOptions> intake,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SignalSubscription));
        var limit = intake.Value.MaxBodyBytes;
        var (bytes, tooLarge) = await Http.JsonRequestBody.ReadUpToAsync(request, limit + EnvelopeBytes, cancellationToken);
        if (tooLarge)
        {
            return Drop(logger, metrics, $"the message is over {limit + EnvelopeBytes} bytes (a signal's body may have {limit}, EntityActors:Intake:MaxBodyBytes)");
        }

        var (message, dropped) = InboundMessage.Read(bytes, catalog, limit);
        if (message is null)
        {
            return Drop(logger, metrics, dropped!);
        }

        var (address, submission) = (message.Address, message.Submission);
        try
        {
            var answer = await gateway.SubmitAsync(address, submission, cancellationToken);
            if (answer.Receipt.KeyReused)
            {
                // Over HTTP a 422; here nobody waits for an answer, so the message must not pass for a repeat.
                return Drop(logger, metrics,
                    $"{KeyReuse.Describe(answer.Receipt, submission.Name)} on {address.Kind}/{address.Id}: this {submission.Name} is not applied");
            }

            metrics.Received(address.Kind, answer.Receipt);
            return Results.Ok(new { status = "SUCCESS" });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogSubscriptionRetry(address.Kind, address.Id, ex);
            return Results.Ok(new { status = "RETRY" });
        }
    }

    private static IResult Drop(ILogger logger, SignalMetrics metrics, string reason)
    {
        logger.LogSubscriptionDrop(reason);
        metrics.DroppedFromTopic();
        return Results.Ok(new { status = "DROP" });
    }
}
