namespace EntityActors.App.Cluster;

/// <summary>What makes two replicas disagree, said so an operator knows which component to fix. Pure.</summary>
public static class FingerprintComparison
{
    /// <summary>
    /// Every difference between <paramref name="mine"/> and <paramref name="theirs"/>, from this replica's side, plus every
    /// state store of <paramref name="theirs"/> that did not hold the marker this side wrote (same component, other data).
    /// Empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> Disagreements(
        ReplicaFingerprint mine, ReplicaFingerprint theirs, IReadOnlyDictionary<string, bool> markerSeen, string other)
    {
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        ArgumentNullException.ThrowIfNull(markerSeen);
        var found = new List<string>();
        var here = mine.Components.ToDictionary(component => component.Name, StringComparer.Ordinal);
        var there = theirs.Components.ToDictionary(component => component.Name, StringComparer.Ordinal);
        foreach (var name in here.Keys.Union(there.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var ours = here.GetValueOrDefault(name);
            var its = there.GetValueOrDefault(name);
            if (ours is null)
            {
                found.Add($"component '{name}' ({its}) is loaded by replica {other} but not here");
            }
            else if (its is null)
            {
                found.Add($"component '{name}' ({ours}) is loaded here but not by replica {other}");
            }
            else if (ours != its)
            {
                found.Add($"component '{name}' is {ours} here but {its} on replica {other}");
            }
        }

        Compare("StateStore", mine.StateStore, theirs.StateStore);
        Compare("EntityStore", mine.EntityStore, theirs.EntityStore);
        Compare("PubSub", mine.PubSub, theirs.PubSub);
        foreach (var (store, seen) in markerSeen.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!seen && here.TryGetValue(store, out var ours) && ours == there.GetValueOrDefault(store))
            {
                found.Add($"state store '{store}' ({ours}) of replica {other} does not hold what this replica just wrote to its " +
                    $"'{store}': the same component name and type, but another server, database or table");
            }
        }

        return found;

        void Compare(string setting, string ours, string its)
        {
            if (!string.Equals(ours, its, StringComparison.Ordinal))
            {
                found.Add($"EntityActors:Dapr:{setting} is '{ours}' here but '{its}' on replica {other}");
            }
        }
    }
}
