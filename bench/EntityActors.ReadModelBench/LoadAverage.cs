namespace EntityActors.ReadModelBench;

/// <summary>The machine's 1-minute load average (Linux), for the report: figures mean little without it.</summary>
public static class LoadAverage
{
    public static string Read() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
