using System.Globalization;

namespace EntityActors.LocalRuntime.DataOwnership;

/// <summary>
/// A process told apart from any later one that reuses its pid: the pid with the time it started (<c>/proc/&lt;pid&gt;/stat</c>,
/// field 22, clock ticks since boot), which stays the same through an exec and differs for every new process.
/// </summary>
internal static class ProcessIdentity
{
    /// <summary>When the process <paramref name="pid"/> started, or null when there is no such live process (a zombie is none).</summary>
    public static long? StartTimeOf(int pid)
    {
        try
        {
            return ParseStat(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat")) is { State: not ('Z' or 'X') } stat
                ? stat.StartTime
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Gone (or never there: no procfs).
            return null;
        }
    }

    /// <summary>Whether <paramref name="pid"/> is still the process that started at <paramref name="startTime"/>.</summary>
    public static bool IsAlive(int pid, long startTime) => StartTimeOf(pid) == startTime;

    /// <summary>The state and start time in a <c>/proc/&lt;pid&gt;/stat</c> line (<see cref="ProcStat"/>).</summary>
    public static (char State, long StartTime)? ParseStat(string stat)
    {
        // The start time is field 22.
        const int startTimeField = 22 - 3;
        return ProcStat.FieldsFromState(stat) is { } fields && fields.Length > startTimeField && fields[0].Length == 1
            && long.TryParse(fields[startTimeField], NumberStyles.None, CultureInfo.InvariantCulture, out var startTime)
            ? (fields[0][0], startTime)
            : null;
    }
}
