using System.Globalization;

namespace EntityActors.Bench.Measuring;

/// <summary>
/// CPU used by named processes, and by the machine as a whole, between construction and <see cref="Stop"/>: where a
/// side's time went (app, sidecar, the bench itself) and how much of the machine other work took meanwhile.
/// </summary>
public sealed class CpuWindow
{
    private readonly IReadOnlyDictionary<string, int?> processes;
    private readonly IReadOnlySet<string> trees;
    private readonly Dictionary<string, double?> before;
    private readonly Dictionary<string, ContextSwitchCounts?> switchesBefore;
    private readonly (double Busy, double Total) machineBefore;

    /// <param name="trees">Names in <paramref name="processes"/> whose process counts with its children (<see cref="CpuTimes.TreeSeconds"/>).</param>
    public CpuWindow(IReadOnlyDictionary<string, int?> processes, IReadOnlySet<string>? trees = null)
    {
        this.processes = processes;
        this.trees = trees ?? new HashSet<string>();
        before = processes.ToDictionary(p => p.Key, p => Seconds(p.Key, p.Value));
        switchesBefore = processes.ToDictionary(p => p.Key, p => SwitchesOf(p.Key, p.Value));
        machineBefore = CpuTimes.MachineSeconds();
    }

    /// <summary>CPU seconds per process name, plus <c>machineBusy</c> (0..1 of all cores) and <c>otherSeconds</c> (everything else).</summary>
    public IReadOnlyDictionary<string, double> Stop()
    {
        var used = Since(before, Seconds);
        Switches = SwitchesSince();
        var machine = CpuTimes.MachineSeconds();
        var busy = machine.Busy - machineBefore.Busy;
        var total = machine.Total - machineBefore.Total;
        if (total > 0)
        {
            used["machineBusy"] = busy / total;
            used["otherSeconds"] = Math.Max(0, busy - used.Values.Sum());
        }

        return used;
    }

    /// <summary>Context switches per process name over the window (<see cref="ContextSwitchCounts.Since"/>); empty until <see cref="Stop"/>.</summary>
    public IReadOnlyDictionary<string, double> Switches { get; private set; } = new Dictionary<string, double>();

    /// <summary>How much of <paramref name="read"/> each process used since <paramref name="start"/>; processes gone at either end are left out.</summary>
    private Dictionary<string, double> Since(Dictionary<string, double?> start, Func<string, int?, double?> read)
    {
        var used = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, pid) in processes)
        {
            if (start[name] is { } first && read(name, pid) is { } last)
            {
                used[name] = last - first;
            }
        }

        return used;
    }

    /// <summary>Each process's switches since <see cref="switchesBefore"/>; processes gone at either end are left out.</summary>
    private Dictionary<string, double> SwitchesSince()
    {
        var switches = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, pid) in processes)
        {
            if (switchesBefore[name] is { } first && SwitchesOf(name, pid) is { } last)
            {
                switches[name] = last.Since(first);
            }
        }

        return switches;
    }

    private ContextSwitchCounts? SwitchesOf(string name, int? pid) => ContextSwitchCounts.Read(pid, trees.Contains(name));

    private double? Seconds(string name, int? pid) => trees.Contains(name) ? CpuTimes.TreeSeconds(pid) : CpuTimes.ProcessSeconds(pid);

    public static string Describe(IReadOnlyDictionary<string, double> used) =>
        string.Join(", ", used.Select(pair => pair.Key == "machineBusy"
            ? string.Create(CultureInfo.InvariantCulture, $"machine {pair.Value:P0} busy")
            : string.Create(CultureInfo.InvariantCulture, $"{pair.Key.Replace("Seconds", string.Empty, StringComparison.Ordinal)} {pair.Value:0.0} s")));
}
