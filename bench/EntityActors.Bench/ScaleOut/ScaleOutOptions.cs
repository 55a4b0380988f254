using System.Globalization;
using EntityActors.LocalRuntime;

namespace EntityActors.Bench.ScaleOut;

/// <summary>
/// The multi-replica run (<c>--replicas n --store postgres|redis</c>): how many product replicas share the store, and
/// which store. One replica on SQLite is the default three-sided run.
/// </summary>
public sealed record ScaleOutOptions
{
    /// <summary>The most replicas the local runtime starts (as its own <c>--replicas</c>).</summary>
    public const int MaxReplicas = 16;

    /// <summary>The scenarios this run has: both measure many entities, where replicas can share the work.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = [ScenarioNames.ManyEntities, ScenarioNames.Answered];

    public int Replicas { get; init; } = 1;

    public LocalStore Store { get; init; } = LocalStore.Sqlite;

    /// <summary>How the senders pick the replica each request goes to.</summary>
    public ReplicaRouting Routing { get; init; } = ReplicaRouting.RoundRobin;

    /// <summary>
    /// How long the warm-up goes on after its first rounds, in rounds that alternate between the product sides, before
    /// anything is measured: long enough for the redelivery reminders of the entities the first rounds created (a
    /// minute after each creation, and n times as many on n replicas) to have fired, and for the apps' tiered JIT to
    /// have finished what the first rounds began. It then goes on, up to a bound, while an app still compiles.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether this is the multi-replica run rather than the default one.</summary>
    public bool Enabled => Replicas > 1;

    /// <summary>Reads <c>--replicas</c>' value.</summary>
    /// <exception cref="FormatException">Not a whole number from 1 to <see cref="MaxReplicas"/>.</exception>
    public static int ParseReplicas(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxReplicas
            ? count
            : throw new FormatException($"--replicas takes a number from 1 to {MaxReplicas}, not '{text}'.");

    /// <summary>Reads <c>--routing</c>' value.</summary>
    /// <exception cref="FormatException">Neither round-robin nor entity.</exception>
    public static ReplicaRouting ParseRouting(string text) => text switch
    {
        "round-robin" => ReplicaRouting.RoundRobin,
        "entity" => ReplicaRouting.Entity,
        _ => throw new FormatException($"--routing takes round-robin or entity, not '{text}'."),
    };

    /// <summary>Refuses combinations that cannot run or would not measure what they say.</summary>
    /// <exception cref="FormatException">The message says what is wrong and what to give instead.</exception>
    public void Validate(IReadOnlySet<string>? scenarios)
    {
        if (Replicas > 1 && Store is LocalStore.Sqlite)
        {
            throw new FormatException(
                $"--replicas {Replicas} cannot run on SQLite: each sidecar keeps its SQLite file to itself (a file is not shared " +
                "between pods either), so every replica would hold its own entities. Add --store postgres or --store redis.");
        }

        if (Replicas == 1 && Store is not LocalStore.Sqlite)
        {
            throw new FormatException(
                $"--store {Store.ToString().ToLowerInvariant()} is for the multi-replica run: add --replicas 2 or more " +
                "(the default run, one replica beside bare Dapr and Restate, is on SQLite).");
        }

        var others = Enabled && scenarios is not null ? scenarios.Except(Scenarios).Order(StringComparer.Ordinal).ToList() : [];
        if (others.Count > 0)
        {
            throw new FormatException(
                $"--replicas runs only {string.Join(" and ", Scenarios)}; leave out {string.Join(", ", others)} (the default run has them).");
        }
    }
}
