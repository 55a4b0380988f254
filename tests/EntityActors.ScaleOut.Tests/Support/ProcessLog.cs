using System.Globalization;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>The most recent lines every process printed, time-stamped, for a failing test to dump.</summary>
public sealed class ProcessLog(int capacity = 6000)
{
    private readonly Queue<string> lines = new(capacity);
    private readonly Lock gate = new();

    public void Add(string line)
    {
        var stamped = $"{DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line}";
        lock (gate)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(stamped);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }

    public void DumpTo(ITestOutputHelper output)
    {
        var snapshot = Snapshot();
        output.WriteLine($"--- last {snapshot.Count} lines of process output ---");
        foreach (var line in snapshot)
        {
            output.WriteLine(line);
        }
    }
}
