namespace EntityActors.LocalRuntime;

/// <summary>Freezing a replica, as a stalled node, a long pause or a VM suspended by its host would.</summary>
public sealed partial class LocalReplica
{
    /// <summary>
    /// Freezes the app and its sidecar (SIGSTOP; either alone with <paramref name="app"/> or <paramref name="sidecar"/>
    /// false): they keep their memory, connections and activations and answer nothing until <see cref="Resume"/>.
    /// </summary>
    public void Pause(bool app = true, bool sidecar = true)
    {
        foreach (var process in Parts(app, sidecar))
        {
            PosixSignals.Freeze(process.Id);
        }
    }

    /// <summary>Lets frozen processes go on where they stopped (SIGCONT); harmless for processes that run.</summary>
    public void Resume()
    {
        foreach (var process in Parts(app: true, sidecar: true))
        {
            PosixSignals.Thaw(process.Id);
        }
    }

    private IEnumerable<ManagedProcess> Parts(bool app, bool sidecar) =>
        new[] { app ? this.app : null, sidecar ? daprd : null }.OfType<ManagedProcess>().Where(process => !process.HasExited);
}
