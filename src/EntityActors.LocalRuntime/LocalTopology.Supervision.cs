using EntityActors.LocalRuntime.Supervision;

namespace EntityActors.LocalRuntime;

/// <summary>Starting again what exits on its own, when <see cref="LocalDaprEnvironmentOptions.Restarts"/> asks for it.</summary>
public sealed partial class LocalTopology
{
    private ProcessSupervisor? supervisor;

    private void StartSupervision()
    {
        if (options.Restarts is not { } restarts)
        {
            return;
        }

        var announce = options.Announce ?? (line => options.Log?.Invoke($"[runtime] {line}"));
        supervisor = new ProcessSupervisor(restarts, lifecycle, announce);
        foreach (var place in Stores.Supervised().Concat(ControlPlane.Supervised()))
        {
            supervisor.Watch(place);
        }

        foreach (var replica in replicas)
        {
            Supervise(replica);
        }
    }

    private void Supervise(LocalReplica replica)
    {
        foreach (var place in replica.Supervised(wanted: () => replicas.Contains(replica)))
        {
            supervisor?.Watch(place);
        }
    }

    private async Task StopSupervisionAsync()
    {
        if (Interlocked.Exchange(ref supervisor, null) is { } stopping)
        {
            await stopping.DisposeAsync();
        }
    }
}
