using System.Diagnostics;
using System.Globalization;

namespace EntityActors.Bench.Reporting;

/// <summary>Progress lines while the bench runs, stamped with the time since it started.</summary>
public sealed class BenchLog(TextWriter output)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly Lock gate = new();

    public TextWriter Output => output;

    public void Line(string message)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        lock (gate)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00}] {message}"));
            output.Flush();
        }
    }

    public void Line(FormattableString message) => Line(message.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes <paramref name="status"/> every <paramref name="interval"/> until disposed: progress of a long phase.</summary>
    public IDisposable Every(TimeSpan interval, Func<string> status) =>
        new Timer(_ => Line(status()), null, interval, interval);
}
