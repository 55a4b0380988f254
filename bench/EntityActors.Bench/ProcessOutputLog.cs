using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EntityActors.Bench;

/// <summary>
/// The last lines written by the processes the bench starts and by its in-process baseline worker, kept to explain a
/// failed scenario without flooding the progress output.
/// </summary>
public sealed class ProcessOutputLog : ILoggerProvider
{
    private const int Capacity = 2000;
    private readonly Queue<string> lines = new(Capacity);
    private readonly Lock gate = new();
    private readonly long started = Stopwatch.GetTimestamp();

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

    void IDisposable.Dispose()
    {
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
