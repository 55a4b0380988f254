using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.SingleWriter;
using EntityActors.App.Security;

namespace EntityActors.App.Engine.Intake;

/// <summary>
/// Hands a batch straight to the replica a <see cref="WriterHints">hint</see> names as the entity's writer
/// (<see cref="PeerWriterEndpoint"/>): app to app, instead of app → sidecar → the owner's sidecar → the owner's app.
/// Answers null, and forgets the hint, where there is none to use or the peer declines or cannot be reached: the caller
/// then goes through the sidecars. A batch retried that way after a peer stored it is deduplicated by its keys.
/// </summary>
public sealed class PeerWriters(IHttpClientFactory clients, WriterHints hints, IConfiguration configuration, ILogger<PeerWriters> logger)
{
    public const string ClientName = "peer-writers";

    private readonly string token = DaprDefaults.GetDefaultAppApiToken(configuration);

    /// <summary>Remembers the writer a sidecar-routed answer named for <paramref name="address"/>, for its next batch.</summary>
    public void Learn(EntityAddress address, string? writer) => hints.Learn(address, writer);

    public async Task<SubmitResponse?> TrySubmitAsync(EntityAddress address, SubmitRequest request, CancellationToken cancellationToken)
    {
        if (!hints.TryGet(address, out var writer))
        {
            return null;
        }

        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(writer, PeerWriterEndpoint.PathOf(address)))
            {
                Content = JsonContent.Create(request, options: EntityJson.Options),
            };
            if (token.Length > 0)
            {
                message.Headers.Add(AppApiTokenMiddleware.Header, token);
            }

            using var response = await clients.CreateClient(ClientName).SendAsync(message, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var answered = await response.Content.ReadFromJsonAsync<SubmitResponse>(EntityJson.Options, cancellationToken);
                return answered is null ? null : answered with { Writer = writer.ToString() };
            }

            if (response.StatusCode != HttpStatusCode.MisdirectedRequest)
            {
                logger.LogPeerRefused(address, writer, (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogPeerUnreachable(ex, address, writer);
        }
        catch (JsonException ex)
        {
            // Replicas of different versions in a rollout: the sidecar route still works between them.
            logger.LogPeerAnswerUnreadable(ex, address, writer);
        }
        catch (OperationCanceledException)
        {
            hints.Forget(address, writer);
            throw;
        }

        hints.Forget(address, writer);
        return null;
    }
}

internal static partial class PeerWritersLog
{
    [LoggerMessage(EventId = 1030, Level = LogLevel.Debug, Message = "The writer of {Entity} at {Writer} answered {Status}; going through the sidecars")]
    public static partial void LogPeerRefused(this ILogger logger, EntityAddress entity, Uri writer, int status);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Debug, Message = "The writer of {Entity} at {Writer} could not be reached; going through the sidecars")]
    public static partial void LogPeerUnreachable(this ILogger logger, Exception exception, EntityAddress entity, Uri writer);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Warning, Message = "The writer of {Entity} at {Writer} answered what this replica cannot read; going through the sidecars")]
    public static partial void LogPeerAnswerUnreadable(this ILogger logger, Exception exception, EntityAddress entity, Uri writer);
}
