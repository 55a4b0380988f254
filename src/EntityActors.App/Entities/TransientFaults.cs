using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Entities;

/// <summary>
/// Resilience testing: makes the first N attempts of a workflow's signal step fail like a network fault would
/// (<see cref="SignalOptions.InjectTransientFailures"/>). Counts per idempotency key, so each step of each
/// checkout fails N times and then goes through. Does nothing unless configured.
/// </summary>
public sealed class TransientFaults(IOptions<SignalOptions> options)
{
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);

    public void ThrowIfInjected(SignalCommand command)
    {
        var failures = options.Value.InjectTransientFailures
            .Where(rule => Matches(rule.Key, command))
            .Select(rule => rule.Value)
            .DefaultIfEmpty(0)
            .Max();
        if (failures <= 0)
        {
            return;
        }

        var attempt = attempts.AddOrUpdate(command.IdempotencyKey, 1, (_, previous) => previous + 1);
        if (attempt <= failures)
        {
            throw new HttpRequestException($"Injected transient failure {attempt} of {failures} for {command}.");
        }
    }

    /// <summary>Fails a raise to <paramref name="address"/>'s workflow when <see cref="SignalOptions.InjectRaiseFailures"/> says so.</summary>
    public void ThrowIfRaiseInjected(EntityAddress address)
    {
        var failures = options.Value.InjectRaiseFailures
            .Where(rule => address.Id.StartsWith(rule.Key, StringComparison.Ordinal))
            .Select(rule => rule.Value)
            .DefaultIfEmpty(0)
            .Max();
        if (failures > 0 && attempts.AddOrUpdate($"raise:{address.InstanceId}", 1, (_, previous) => previous + 1) <= failures)
        {
            throw new HttpRequestException($"Injected raise failure for {address}.");
        }
    }

    /// <summary>A rule is a signal name, optionally narrowed to entity ids with a prefix: <c>place-hold@flaky-</c>.</summary>
    private static bool Matches(string rule, SignalCommand command)
    {
        var at = rule.IndexOf('@', StringComparison.Ordinal);
        return at < 0
            ? rule == command.Signal
            : rule[..at] == command.Signal && command.EntityId.StartsWith(rule[(at + 1)..], StringComparison.Ordinal);
    }
}
