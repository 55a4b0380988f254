using System.Text.Json;
using Dapr.Client;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Checkouts;

/// <summary>
/// Publishes a checkout milestone as a CloudEvent on the checkouts topic. The event id is the checkout id
/// and the milestone, so a retried activity republishes the same event rather than a new one.
/// </summary>
public sealed class PublishMilestoneActivity(
    DaprClient dapr,
    IOptions<DaprComponentsOptions> components,
    IOptions<TopicOptions> topics) : WorkflowActivity<CheckoutMilestone, object?>
{
    public override async Task<object?> RunAsync(WorkflowActivityContext context, CheckoutMilestone input)
    {
        var cloudEvent = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = $"{input.CheckoutId}:{input.Milestone}",
            ["source"] = $"entityactors/checkouts/{input.CheckoutId}",
            ["type"] = $"entityactors.checkouts.{input.Milestone}",
            ["subject"] = input.CheckoutId,
            ["time"] = input.At,
            ["datacontenttype"] = "application/json",
            ["data"] = input,
        };
        await dapr.PublishByteEventAsync(
            components.Value.PubSub,
            topics.Value.Checkouts,
            JsonSerializer.SerializeToUtf8Bytes(cloudEvent, EntityJson.Options),
            PublishedEvent.StructuredCloudEventType);
        return null;
    }
}
