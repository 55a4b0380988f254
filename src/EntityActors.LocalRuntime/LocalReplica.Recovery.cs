using System.Text.Json;

namespace EntityActors.LocalRuntime;

/// <summary>What a restarted app needs when its sidecar never takes its workflow worker back.</summary>
public sealed partial class LocalReplica
{
    /// <summary>
    /// Waits for the restarted app to be ready. daprd 1.18.1 sometimes never registers the workflow actor types again
    /// after the app was killed with workflow turns in flight: the new app's work-item streams stay open but are not
    /// counted, and every workflow stalls ("actor type …workflow not registered") until daprd restarts. Where the app is
    /// not ready after <see cref="LocalDaprEnvironmentOptions.WorkflowWorkerTakeBack"/> and the sidecar counts no worker,
    /// the sidecar is restarted, as its container would be in Kubernetes once the app asks it to shut down.
    /// </summary>
    private async Task WaitForRestartedAppAsync(CancellationToken cancellationToken)
    {
        await WaitForAppHealthyAsync(cancellationToken);
        if (!ProcessLauncher.IsRunning(daprd))
        {
            return;
        }

        await WaitForSidecarAsync(cancellationToken);
        using var firstWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        firstWait.CancelAfter(Options.WorkflowWorkerTakeBack);
        try
        {
            await WaitForAppReadyAsync(firstWait.Token);
            return;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not ready yet: below, whether the sidecar is the one stuck.
        }

        if (await SidecarCountsAWorkflowWorkerAsync(cancellationToken))
        {
            await WaitForAppReadyAsync(cancellationToken);
            return;
        }

        Options.Log?.Invoke(
            $"[runtime] daprd{Suffix} has counted no workflow worker for {Options.WorkflowWorkerTakeBack.TotalSeconds:0} s since the app restarted; restarting it");
        await ProcessLauncher.StopAsync(Current(daprd), Options.StopGracePeriod, cancellationToken);
        daprd = StartDaprd();
        await WaitForSidecarAsync(cancellationToken);
        await WaitForAppReadyAsync(cancellationToken);
    }

    private async Task<bool> SidecarCountsAWorkflowWorkerAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await context.Readiness.Probe.GetAsync(new Uri(DaprHttpAddress, "v1.0/metadata"), cancellationToken);
            using var metadata = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return metadata.RootElement.TryGetProperty("workflows", out var workflows)
                && workflows.TryGetProperty("connectedWorkers", out var connected)
                && connected.TryGetInt32(out var count) && count > 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A sidecar that does not answer is not the stuck one this looks for; the normal deadline applies.
            return true;
        }
    }
}
