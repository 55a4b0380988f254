using System.Text.Json;
using EntityActors.App.Engine.Batching;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Sidecar = Dapr.Client.Autogen.Grpc.v1;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// Publishes CloudEvents through the sidecar's bulk publish: events handed in for a topic while a bulk publish of that
/// topic is in flight go together in the next one, whatever entity they belong to, so many entities' lanes cost one
/// sidecar call per batch rather than one per event (the first events of a batch linger a moment,
/// <see cref="RelayOptions.PublishLinger"/>, for others to join). Each caller learns whether its own events were published: the
/// sidecar names the entries it failed, and only their callers fail (to publish again, with the same event ids).
/// </summary>
public sealed class BulkEventPublisher : IDisposable
{
    // Keeps one request well inside the sidecar's body limit.
    private const int MaxEventsPerRequest = 200;

    private readonly Func<Sidecar.BulkPublishRequest, Task<Sidecar.BulkPublishResponse>> publish;
    private readonly KeyedBatcher<(string PubSub, string Topic), IReadOnlyList<PublishedEvent>, Exception?> batcher;
    private readonly GrpcChannel? channel;

    public BulkEventPublisher(IConfiguration configuration, IOptions<RelayOptions> options)
    {
        channel = GrpcChannel.ForAddress(Dapr.DaprDefaults.GetDefaultGrpcEndpoint(configuration));
        var client = new Sidecar.Dapr.DaprClient(channel);
        var headers = new Metadata();
        if (Dapr.DaprDefaults.GetDefaultDaprApiToken(configuration) is { Length: > 0 } token)
        {
            headers.Add("dapr-api-token", token);
        }

        publish = async request => await client.BulkPublishEventAsync(request, headers);
        batcher = new(PublishBatchAsync, int.MaxValue, events => events.Count, MaxEventsPerRequest, options.Value.PublishLinger);
    }

    /// <summary>With the sidecar's bulk publish given, for tests of the grouping.</summary>
    internal BulkEventPublisher(Func<Sidecar.BulkPublishRequest, Task<Sidecar.BulkPublishResponse>> publish, TimeSpan linger = default)
    {
        this.publish = publish;
        batcher = new(PublishBatchAsync, int.MaxValue, events => events.Count, MaxEventsPerRequest, linger);
    }

    /// <summary>Publishes <paramref name="events"/> on <paramref name="topic"/>, possibly with others'; throws unless all were published.</summary>
    public async Task PublishAsync(string pubSub, string topic, IReadOnlyList<PublishedEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count > 0 && await batcher.SubmitAsync((pubSub, topic), events, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public void Dispose() => channel?.Dispose();

    private async Task<IReadOnlyList<Exception?>> PublishBatchAsync((string PubSub, string Topic) key, IReadOnlyList<IReadOnlyList<PublishedEvent>> batch)
    {
        var request = new Sidecar.BulkPublishRequest { PubsubName = key.PubSub, Topic = key.Topic };
        for (var caller = 0; caller < batch.Count; caller++)
        {
            for (var i = 0; i < batch[caller].Count; i++)
            {
                var published = batch[caller][i];
                request.Entries.Add(new Sidecar.BulkPublishRequestEntry
                {
                    // The caller's position, so that a failed entry fails its caller.
                    EntryId = $"{caller}:{i}",
                    Event = ByteString.CopyFrom(published.Data.Span),
                    ContentType = published.ContentType,
                });
            }
        }

        Sidecar.BulkPublishResponse response;
        try
        {
            response = await publish(request);
        }
        catch (Exception ex)
        {
            return [.. batch.Select(_ => (Exception?)ex)];
        }

        var results = new Exception?[batch.Count];
        foreach (var failed in response.FailedEntries)
        {
            var caller = int.Parse(failed.EntryId.AsSpan(0, failed.EntryId.IndexOf(':', StringComparison.Ordinal)), provider: null);
            results[caller] ??= new InvalidOperationException(
                $"The sidecar did not publish event {failed.EntryId} on {key.PubSub}/{key.Topic}: {failed.Error}");
        }

        return results;
    }
}

/// <summary>One event to publish as is, with its content type (e.g. a structured CloudEvent).</summary>
public sealed record PublishedEvent(ReadOnlyMemory<byte> Data, string ContentType)
{
    /// <summary>The content type of a CloudEvent published whole, envelope and data in one JSON document.</summary>
    public const string StructuredCloudEventType = "application/cloudevents+json";

    /// <summary><paramref name="cloudEvent"/> published whole, in the app's JSON.</summary>
    public static PublishedEvent StructuredCloudEvent<T>(T cloudEvent) =>
        new(JsonSerializer.SerializeToUtf8Bytes(cloudEvent, EntityJson.Options), StructuredCloudEventType);
}
