using System.Runtime.InteropServices;

namespace EntityActors.LocalRuntime;

/// <summary>
/// Sends signals other than SIGKILL, which <see cref="System.Diagnostics.Process"/> cannot: a graceful stop needs
/// SIGTERM so daprd, placement and scheduler flush their stores and ASP.NET Core runs its shutdown; SIGSTOP and SIGCONT
/// freeze a process and let it go on, as a stalled node does.
/// </summary>
internal static partial class PosixSignals
{
    private const int SigInt = 2;
    private const int SigKill = 9;
    private const int SigTerm = 15;

    // Linux's numbers (x86-64 and arm64 alike).
    private const int SigContinue = 18;
    private const int SigStop = 19;

    /// <summary>Sends SIGTERM to <paramref name="processId"/>; false when it could not be delivered.</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    /// <summary>
    /// Sends SIGKILL to <paramref name="processId"/>, for a process that is not this one's child (which
    /// <see cref="System.Diagnostics.Process"/> would not let go of); false when it could not be delivered.
    /// </summary>
    public static bool Kill(int processId) => Kill(processId, SigKill) == 0;

    /// <summary>Sends SIGINT to <paramref name="processId"/>; false when it could not be delivered.</summary>
    public static bool Interrupt(int processId) => Kill(processId, SigInt) == 0;

    /// <summary>Sends SIGSTOP to <paramref name="processId"/>; false when it could not be delivered.</summary>
    public static bool Freeze(int processId) => Kill(processId, SigStop) == 0;

    /// <summary>Sends SIGCONT to <paramref name="processId"/>; false when it could not be delivered.</summary>
    public static bool Thaw(int processId) => Kill(processId, SigContinue) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int processId, int signal);
}
