using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Telemetry;
using EntityActors.App.Retention;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>Erasing the entity: a turn of its single writer, so no signal is stored while it runs.</summary>
public abstract partial class EntityActor<TEntity, TState, TSignal, TEvent>
{
    public Task<EraseResponse> EraseAsync()
    {
        lastRoutedCall = time.GetUtcNow();
        return InTurnAsync(EraseInTurnAsync);
    }

    /// <summary>Erases the entity and forgets what this activation held of it: the next signal starts afresh.</summary>
    private async Task<EraseResponse> EraseInTurnAsync()
    {
        var address = Address;
        using var scope = Logger.BeginEntity(address);
        EntityView<JsonElement>? view;
        try
        {
            view = (await LoadAsync(address)).View;
        }
        catch (EntityUnavailableException)
        {
            // Its workflow has ended: nothing depends on it any more, and its state is not to be had.
            view = null;
        }

        if (view is not null && services.Eraser.Refusal(address, view) is { } refused)
        {
            return new EraseResponse(true, refused);
        }

        var existed = await services.Eraser.EraseAsync(address, (loaded?.AcceptedThrough ?? -1) + 1, view, CancellationToken.None);
        loaded = null;
        try
        {
            // Also when this activation did not register it: an earlier one may have. Left, it would start an empty workflow.
            await RemoveRedeliveryAsync();
        }
        catch (Exception ex)
        {
            Logger.LogReminderNotRemoved(ex, address.InstanceId, "as its entity was erased");
        }

        redeliveryRegistered = false;
        return new EraseResponse(existed);
    }
}
