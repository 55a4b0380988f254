using System.Globalization;
using Xunit.Abstractions;

namespace EntityActors.ScaleOut.Tests.Support;

/// <summary>The most recent lines every process printed, time-stamped, for a failing test to dump.</summary>
public sealed class ProcessLog(int capacity = 6000)
{
    private readonly Queue<string> lines = new(capacity);
    private readonly Lock gate = new();

    // Set SCALEOUT_LOG to a file to follow every line while the tests run (they are dumped only when one fails).
    private readonly StreamWriter? mirror = Environment.GetEnvironmentVariable("SCALEOUT_LOG") is { Length: > 0 } path
        ? new StreamWriter(path, append: true) { AutoFlush = true }
        : null;

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
            mirror?.WriteLine(stamped);
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
