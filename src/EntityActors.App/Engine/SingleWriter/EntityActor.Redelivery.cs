using Dapr.Actors.Runtime;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.Options;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>The redelivery reminder: what resumes an entity's relay should the process that held it die.</summary>
public abstract partial class EntityActor<TEntity, TState, TSignal, TEvent>
{
    private const string RedeliveryReminder = "redeliver";

    private ITimer? quietTimer;

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

    /// <summary>
    /// Registers the redelivery reminder before the activation's first store, waiting for it only a short while: while
    /// the scheduler is out of reach (restarting, electing its leader) the signals are stored and answered anyway, and the
    /// registration goes on in the background until it succeeds. Until then the relay alone carries them on; should this
    /// process die first, they wait for the entity's next signal or read, which loads and hands them over.
    /// </summary>
    private async Task EnsureRedeliveryAsync(EntityAddress address)
    {
        if (redeliveryRegistered || redeliveryRegistration is { IsCompleted: false })
        {
            return;
        }

        var registration = RegisterRedeliveryAsync(address);
        redeliveryRegistration = registration;
        await Task.WhenAny(registration, Task.Delay(services.Intake.RedeliveryRegistrationWait, CancellationToken.None));
    }

    private async Task RegisterRedeliveryAsync(EntityAddress address)
    {
        var interval = services.Intake.RedeliveryInterval;
        var pause = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; !deactivated; attempt++)
        {
            try
            {
                // A call the scheduler never answers is given up after the wait and made again.
                await RegisterReminderAsync(RedeliveryReminder, null, interval, interval).WaitAsync(services.Intake.RedeliveryRegistrationWait + pause);
                redeliveryRegistered = true;
                if (attempt > 1)
                {
                    Logger.LogRedeliveryRegistered(address.InstanceId, attempt);
                }

                return;
            }
            catch (Exception ex)
            {
                if (attempt == 1)
                {
                    Logger.LogRedeliveryRegistrationDeferred(ex, address.InstanceId);
                }
            }

            await Task.Delay(pause, CancellationToken.None);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, interval.Ticks));
        }
    }

    /// <summary>
    /// (Re)starts the quiet spell after which this activation removes the reminder itself if the relay has seen
    /// everything through (<see cref="IntakeOptions.RedeliveryRemovalWhenQuiet"/>); each hand-over starts it again.
    /// </summary>
    private void StartQuietSpell()
    {
        var quiet = services.Intake.RedeliveryRemovalWhenQuiet;
        if (quiet <= TimeSpan.Zero || deactivated)
        {
            return;
        }

        quietTimer ??= time.CreateTimer(_ => _ = RemoveRedeliveryIfQuietAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        quietTimer.Change(quiet, Timeout.InfiniteTimeSpan);
    }

    private async Task RemoveRedeliveryIfQuietAsync()
    {
        try
        {
            await InTurnAsync(RemoveRedeliveryIfCaughtUpAsync);
        }
        catch (Exception ex)
        {
            // E.g. the scheduler out of reach. Harmless: the reminder fires, finds the entity caught up and goes.
            Logger.LogReminderNotRemoved(ex, Address.InstanceId, "after a quiet spell");
        }
    }

    private async Task RemoveRedeliveryIfCaughtUpAsync()
    {
        if (deactivated || !redeliveryRegistered || reloadRequested || loaded is not { } state)
        {
            return;
        }

        var address = Address;
        if (!IsCaughtUp(address, state))
        {
            // Still relaying (or stalled, which the reminder is there for): look again after another spell.
            StartQuietSpell();
            return;
        }

        await RemoveRedeliveryAsync();
        Logger.LogRedeliveryRemovedWhenQuiet(address.InstanceId, state.AcceptedThrough);
    }

    private async Task RemoveRedeliveryAsync()
    {
        await UnregisterReminderAsync(RedeliveryReminder);
        redeliveryRegistered = false;
    }

    private async Task RedeliverAsync()
    {
        var address = Address;
        // The workflow and the store say where the entity stands, not what this activation last believed.
        loaded = null;
        var state = await LoadAsync(address);
        if (IsCaughtUp(address, state) || (state.WorkflowMissing && state.AcceptedThrough == 0))
        {
            await RemoveRedeliveryAsync();
            return;
        }

        Logger.LogRedeliveryResumed(address.InstanceId, state.AcceptedThrough);
        HandOver(address, state, []);
    }
}
