using System.Globalization;

namespace EntityActors.Bench.Measuring;

/// <summary>Resident memory of a process, from <c>/proc/&lt;pid&gt;/status</c> (Linux).</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS in MiB, or null when the process or <c>/proc</c> is not there.</summary>
    public static double? ResidentMegabytes(int? processId)
    {
        if (processId is not { } pid)
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                // "VmRSS:     123456 kB"
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kilobytes / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // Gone, or not Linux.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }

        return null;
    }
}
