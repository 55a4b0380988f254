using System.Globalization;
using System.Runtime.InteropServices;

namespace EntityActors.Bench.Measuring;

/// <summary>
/// Context switches (voluntary and not) of a process, and optionally of its live children, at one moment, thread by
/// thread: a window's count (<see cref="Since"/>) never goes down when threads end during it, as a sum over the live
/// threads did. This process's own total comes from <c>getrusage</c>, which keeps the counts of its ended threads; other
/// processes' ended threads take theirs with them, so for them a window's count is a lower bound.
/// </summary>
public sealed partial class ContextSwitchCounts
{
    private const int ResourceUsageOfSelf = 0;

    private readonly long self;
    private readonly Dictionary<int, long> threads;

    private ContextSwitchCounts(long self, Dictionary<int, long> threads)
    {
        this.self = self;
        this.threads = threads;
    }

    /// <summary>All switches counted so far.</summary>
    public long Total => self + threads.Values.Sum();

    /// <summary>The counts now (Linux); null when the process is gone or there is no <c>/proc</c>.</summary>
    public static ContextSwitchCounts? Read(int? processId, bool withChildren = false)
    {
        if (processId is not { } pid || !OperatingSystem.IsLinux())
        {
            return null;
        }

        var threads = new Dictionary<int, long>();
        long self = 0;
        if (pid == Environment.ProcessId)
        {
            if (GetResourceUsage(ResourceUsageOfSelf, out var usage) != 0)
            {
                return null;
            }

            self = usage.VoluntarySwitches + usage.InvoluntarySwitches;
        }
        else if (!AddThreads(pid, threads))
        {
            return null;
        }

        if (withChildren)
        {
            foreach (var child in CpuTimes.LiveChildren(pid))
            {
                AddThreads(child, threads);
            }
        }

        return new ContextSwitchCounts(self, threads);
    }

    /// <summary>
    /// Switches since <paramref name="earlier"/>: each thread's growth, all of a thread's count when it began since (or
    /// its id was reused), nothing for threads that ended.
    /// </summary>
    public long Since(ContextSwitchCounts earlier)
    {
        var switches = Math.Max(0, self - earlier.self);
        foreach (var (thread, count) in threads)
        {
            switches += earlier.threads.TryGetValue(thread, out var before) && before <= count ? count - before : count;
        }

        return switches;
    }

    /// <summary>Adds the process's live threads' counts, from <c>/proc/&lt;pid&gt;/task/*/status</c>; false when it is gone.</summary>
    private static bool AddThreads(int pid, Dictionary<int, long> threads)
    {
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
            {
                if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var thread) && Switches(task) is { } count)
                {
                    threads[thread] = count;
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? Switches(string task)
    {
        try
        {
            long total = 0;
            foreach (var line in File.ReadLines(Path.Combine(task, "status")))
            {
                if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                    || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                {
                    total += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
                }
            }

            return total;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            // The thread ended while its folder was read.
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary><c>struct rusage</c> on 64-bit Linux: two <c>timeval</c>s, then fourteen <c>long</c>s.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResident;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockReads;
        public long BlockWrites;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
