using System.Text.Json;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Relay;
using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Carts;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Checkouts;

/// <summary>
/// Starts the checkout saga when a cart accepts its check-out signal. The saga's id comes from the cart and
/// its attempt number, and an existing instance (running or finished) is never scheduled again, so a
/// repeated or retried check-out never starts a second saga nor wipes a finished one.
/// </summary>
public sealed class CheckoutStarter(DaprWorkflowClient workflows, IOptions<CheckoutOptions> options, FaultInjection faults, ILogger<CheckoutStarter> logger)
    : IEntityEventReaction
{
    public async Task ReactAsync(EntityAddress address, AppliedSignal applied, CancellationToken cancellationToken)
    {
        if (address.Kind != Cart.Kind)
        {
            return;
        }

        var events = applied.Events.Deserialize<IReadOnlyList<CartEvent>>(EntityJson.Options) ?? [];
        foreach (var started in events.OfType<CheckoutStarted>())
        {
            var instanceId = CheckoutRequest.InstanceIdFor(started.CheckoutId);
            var existing = await workflows.ReadWorkflowStateAsync(instanceId, cancellationToken);
            if (existing is { Exists: true })
            {
                continue;
            }

            await faults.DelayCheckoutStartIfInjectedAsync(address.Id);
            var request = new CheckoutRequest(
                started.CheckoutId, address.Id, started.AccountId, started.Attempt, started.Lines, started.Total, started.At,
                options.Value.ToSettings());
            // Losing the race means a concurrent attempt of this activity got there first.
            if (await workflows.TryScheduleNewWorkflowAsync(nameof(CheckoutWorkflow), instanceId, request))
            {
                logger.LogCheckoutStarted(started.CheckoutId, address.Id);
            }
        }
    }
}
