using System.Globalization;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench.Measuring;

/// <summary>CPU time used by processes and by the whole machine, from <c>/proc</c> (Linux; zeros elsewhere).</summary>
public static class CpuTimes
{
    // USER_HZ: the unit of /proc's CPU times; 100 on every mainstream Linux.
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds a process has used so far; null when it is gone.</summary>
    public static double? ProcessSeconds(int? processId) => Fields(processId)?.Own;

    /// <summary>Parent id, own CPU seconds (user + system) and waited-for children's, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    private static (int Parent, double Own, double Children)? Fields(int? processId)
    {
        if (processId is not { } pid)
        {
            return null;
        }

        try
        {
            if (ProcStat.FieldsFromState(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat")) is not { } fields)
            {
                return null;
            }

            long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
            return ((int)Field(1), (Field(11) + Field(12)) / TicksPerSecond, (Field(13) + Field(14)) / TicksPerSecond);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU seconds of a process and its children so far: its own, what its children that ended used (the kernel adds it
    /// to the parent once waited for), and its live children's own and ended children's. For servers that fork a
    /// process per connection (PostgreSQL's backends), whose parent alone shows next to nothing. Null when it is gone.
    /// </summary>
    public static double? TreeSeconds(int? processId)
    {
        if (processId is not { } pid || Fields(pid) is not { } parent)
        {
            return null;
        }

        var total = parent.Own + parent.Children;
        foreach (var (_, child) in LiveChildrenWithFields(pid))
        {
            total += child.Own + child.Children;
        }

        return total;
    }

    /// <summary>
    /// Context switches (voluntary and not) of a process so far (<see cref="ContextSwitchCounts"/>); with
    /// <paramref name="withChildren"/>, its live children's too. Null when the process is gone.
    /// </summary>
    public static long? ContextSwitches(int? processId, bool withChildren = false) =>
        ContextSwitchCounts.Read(processId, withChildren)?.Total;

    /// <summary>The live processes whose parent is <paramref name="parent"/>.</summary>
    internal static IEnumerable<int> LiveChildren(int parent) => LiveChildrenWithFields(parent).Select(child => child.Pid);

    /// <summary>The live processes whose parent is <paramref name="parent"/>, with their <c>/proc/&lt;pid&gt;/stat</c> fields.</summary>
    private static IEnumerable<(int Pid, (int Parent, double Own, double Children) Fields)> LiveChildrenWithFields(int parent)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Fields(pid) is { } fields && fields.Parent == parent)
            {
                yield return (pid, fields);
            }
        }
    }

    /// <summary>Busy and total CPU seconds of the machine so far, over all cores.</summary>
    public static (double Busy, double Total) MachineSeconds()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return (0, 0);
        }
    }
}
