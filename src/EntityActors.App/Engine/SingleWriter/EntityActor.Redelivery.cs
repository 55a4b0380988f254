using Dapr.Actors.Runtime;
using EntityActors.App.Engine.Diagnostics;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>The redelivery reminder: what resumes an entity's relay should the process that held it die.</summary>
public abstract partial class EntityActor<TEntity, TState, TSignal, TEvent>
{
    private const string RedeliveryReminder = "redeliver";

    /// <summary>
    /// Kicks the relay, which raises whatever stored envelopes the workflow lacks and publishes what they did; once the
    /// entity is caught up (everything stored raised, applied and published), the reminder is removed.
    /// </summary>
    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (reminderName == RedeliveryReminder)
        {
            await InTurnAsync(RedeliverAsync);
        }
    }

    private async Task RedeliverAsync()
    {
        var address = Address;
        // The workflow and the store say where the entity stands, not what this activation last believed.
        loaded = null;
        var state = await LoadAsync(address);
        if (IsCaughtUp(address, state) || (state.WorkflowMissing && state.AcceptedThrough == 0))
        {
            await UnregisterReminderAsync(RedeliveryReminder);
            redeliveryRegistered = false;
            return;
        }

        Logger.LogRedeliveryResumed(address.InstanceId, state.AcceptedThrough);
        await HandOverAsync(address, state, []);
    }
}
