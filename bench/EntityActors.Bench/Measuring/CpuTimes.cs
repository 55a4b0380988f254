using System.Globalization;

namespace EntityActors.Bench.Measuring;

/// <summary>CPU time used by processes and by the whole machine, from <c>/proc</c> (Linux; zeros elsewhere).</summary>
public static class CpuTimes
{
    // USER_HZ: the unit of /proc's CPU times; 100 on every mainstream Linux.
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds a process has used so far; null when it is gone.</summary>
    public static double? ProcessSeconds(int? processId)
    {
        if (processId is not { } pid)
        {
            return null;
        }

        try
        {
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
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
