using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Retention;

/// <summary>Publishes <see cref="EntityErasedEvent"/> on the erased entity's kind's topic; throws unless it was published.</summary>
public sealed class ErasedEventPublisher(BulkEventPublisher bulk, IOptions<DaprComponentsOptions> components, IOptions<TopicOptions> topics, TimeProvider time)
{
    public Task PublishAsync(EntityAddress address, EntityView<JsonElement> last, CancellationToken cancellationToken)
    {
        var erased = EntityErasedEvent.For(address, last, time.GetUtcNow());
        return bulk.PublishAsync(
            components.Value.PubSub,
            topics.Value.EntityEvents(address.Kind),
            [PublishedEvent.StructuredCloudEvent(erased)],
            cancellationToken);
    }
}
