using System.Collections.Concurrent;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Options;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Engine.Diagnostics;

/// <summary>
/// Resilience testing: makes the first N attempts of a workflow's signal step fail like a network fault would
/// (<see cref="FaultInjectionOptions.TransientSignalFailures"/>). Counts per idempotency key, so each step of each
/// checkout fails N times and then goes through. Does nothing unless configured.
/// </summary>
public sealed partial class FaultInjection(IOptions<FaultInjectionOptions> options, ILogger<FaultInjection> logger)
{
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);

    public void ThrowIfInjected(SignalCommand command) =>
        ThrowIfInjected(options.Value.TransientSignalFailures, rule => Matches(rule, command), command.IdempotencyKey, "transient failure", command);

    /// <summary>Waits before <paramref name="command"/> is sent when <see cref="FaultInjectionOptions.SignalDelays"/> says so.</summary>
    public async Task DelayIfInjectedAsync(SignalCommand command)
    {
        var delay = Strictest(options.Value.SignalDelays, rule => Matches(rule, command));
        if (delay > TimeSpan.Zero)
        {
            LogDelayed(command.ToString(), delay.TotalMilliseconds);
            await Task.Delay(delay);
        }
    }

    /// <summary>Waits before the saga of <paramref name="cartId"/>'s checkout starts when <see cref="FaultInjectionOptions.CheckoutStartDelays"/> says so.</summary>
    public Task DelayCheckoutStartIfInjectedAsync(string cartId)
    {
        var delay = Strictest(options.Value.CheckoutStartDelays, rule => cartId.StartsWith(rule, StringComparison.Ordinal));
        return delay > TimeSpan.Zero ? Task.Delay(delay) : Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1033, Level = LogLevel.Warning, Message = "Injected delay before {Command}: {Milliseconds} ms")]
    private partial void LogDelayed(string command, double milliseconds);

    /// <summary>Fails a raise to <paramref name="address"/>'s workflow when <see cref="FaultInjectionOptions.RaiseFailures"/> says so.</summary>
    public void ThrowIfRaiseInjected(EntityAddress address) =>
        ThrowIfInjected(options.Value.RaiseFailures, rule => address.Id.StartsWith(rule, StringComparison.Ordinal), $"raise:{address.InstanceId}", "raise failure", address);

    /// <summary>Counts an attempt under <paramref name="attemptKey"/> and fails it while the strictest matching rule says so.</summary>
    private void ThrowIfInjected(Dictionary<string, int> rules, Func<string, bool> matches, string attemptKey, string what, object subject)
    {
        var failures = Strictest(rules, matches);
        if (failures <= 0)
        {
            return;
        }

        var attempt = attempts.AddOrUpdate(attemptKey, 1, (_, previous) => previous + 1);
        if (attempt <= failures)
        {
            throw new HttpRequestException($"Injected {what} {attempt} of {failures} for {subject}.");
        }
    }

    /// <summary>The largest value of the rules that match; the default (no fault) when none does.</summary>
    private static T Strictest<T>(Dictionary<string, T> rules, Func<string, bool> matches)
        where T : struct, IComparable<T> =>
        rules.Where(rule => matches(rule.Key)).Select(rule => rule.Value).DefaultIfEmpty(default).Max();

    /// <summary>A rule is a signal name, optionally narrowed to entity ids with a prefix: <c>place-hold@flaky-</c>.</summary>
    private static bool Matches(string rule, SignalCommand command)
    {
        var at = rule.IndexOf('@', StringComparison.Ordinal);
        return at < 0
            ? rule == command.Signal
            : rule[..at] == command.Signal && command.EntityId.StartsWith(rule[(at + 1)..], StringComparison.Ordinal);
    }
}
