using System.Text.Json;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>What the relay reads off an entity workflow's status: how far it applied, and how often it diverged.</summary>
public sealed record WorkflowProgress(long Sequence, long Divergences, SignalDivergence? LastDivergence)
{
    /// <summary>Parses a custom status (an entity view), ignoring the entity's state; null when empty or not a view.</summary>
    public static WorkflowProgress? Parse(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkflowProgress>(customStatus, EntityJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
