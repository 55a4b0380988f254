using System.Globalization;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests;

/// <summary>
/// The most recent lines the runtime's processes printed, time-stamped, for a failing test to dump: xunit 2 has
/// no output helper outside a test, so fixtures collect here.
/// </summary>
public sealed class ProcessLog(int capacity = 4000)
{
    private readonly Queue<string> lines = new(capacity);
    private readonly Lock gate = new();

    // Set E2E_LOG to a file to follow every line while the tests run (they are dumped only where a test asks).
    private readonly StreamWriter? mirror = Environment.GetEnvironmentVariable("E2E_LOG") is { Length: > 0 } path
        ? new StreamWriter(path, append: true) { AutoFlush = true }
        : null;

    public void Add(string line)
    {
        var stamped = $"{DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line}";
        lock (gate)
        {
            mirror?.WriteLine(stamped);
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
        ArgumentNullException.ThrowIfNull(output);
        string[] snapshot;
        lock (gate)
        {
            snapshot = lines.ToArray();
        }

        output.WriteLine($"--- last {snapshot.Length} lines of process output ---");
        foreach (var line in snapshot)
        {
            output.WriteLine(line);
        }
    }
}
