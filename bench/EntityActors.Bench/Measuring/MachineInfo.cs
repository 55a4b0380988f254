using System.Globalization;
using System.Runtime.InteropServices;

namespace EntityActors.Bench.Measuring;

/// <summary>What the figures were measured on, including how busy the machine was (other work shares the cores).</summary>
public sealed record MachineInfo(string Os, string Cpu, int Cores, string Runtime, string? LoadAverage)
{
    public static MachineInfo Current() =>
        new(RuntimeInformation.OSDescription, CpuModel(), Environment.ProcessorCount, RuntimeInformation.FrameworkDescription, ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages from <c>/proc/loadavg</c>, or null off Linux.</summary>
    public static string? ReadLoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cores} cores ({Cpu}), {Os}, {Runtime}, load average {LoadAverage ?? "n/a"}");
}
