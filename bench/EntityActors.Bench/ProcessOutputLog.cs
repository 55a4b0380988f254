using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EntityActors.Bench;

/// <summary>
/// The last lines written by the processes the bench starts and by its in-process baseline worker, kept to explain a
/// failed scenario without flooding the progress output.
/// </summary>
public sealed class ProcessOutputLog : ILoggerProvider, IDisposable
{
    private const int Capacity = 2000;
    private readonly Queue<string> lines = new(Capacity);
    private readonly Lock gate = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly StreamWriter? file;
    private readonly Dictionary<string, long> retries = new(StringComparer.Ordinal);

    /// <summary>Keeps the last lines in memory and, when <paramref name="path"/> is given, writes every line there.</summary>
    public ProcessOutputLog(string? path = null)
    {
        file = path is null ? null : new StreamWriter(path, append: false) { AutoFlush = true };
    }

    /// <summary>
    /// How many times a sidecar said it retries an actor call after a pause ("… Retrying in 1s"), by system
    /// (<c>product</c>, <c>baseline</c>): the sidecar's own wait, which shows up as a slow raise or a slow turn.
    /// </summary>
    public long SidecarRetries(string system)
    {
        lock (gate)
        {
            return retries.GetValueOrDefault(system);
        }
    }

    public void Add(string line)
    {
        var stamped = string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(started).TotalSeconds,8:0.000} {line}");
        lock (gate)
        {
            if (lines.Count == Capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(stamped);
            file?.WriteLine(stamped);
            if (line.Contains("Retrying in", StringComparison.Ordinal) && line.StartsWith('[') && line.IndexOf(']', StringComparison.Ordinal) is > 1 and var end)
            {
                var system = line[1..end];
                retries[system] = retries.GetValueOrDefault(system) + 1;
            }
        }
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (gate)
        {
            return lines.TakeLast(count).ToArray();
        }
    }

    ILogger ILoggerProvider.CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
        }
    }

    private sealed class Logger(ProcessOutputLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"[baseline-worker] {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
            }
        }
    }
}
