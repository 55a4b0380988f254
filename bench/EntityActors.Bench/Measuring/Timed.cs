using System.Diagnostics;

namespace EntityActors.Bench.Measuring;

/// <summary>Stopwatch helpers in milliseconds.</summary>
public static class Timed
{
    public static async Task<double> MillisecondsAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public static double Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
}
