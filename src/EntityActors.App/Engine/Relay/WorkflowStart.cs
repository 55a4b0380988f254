namespace EntityActors.App.Engine.Relay;

/// <summary>
/// The entity's workflow does not exist yet: schedule <paramref name="Name"/> with <paramref name="Input"/> (its initial
/// checkpoint). When the input carries the first signals (signal-with-start), they are in the workflow through
/// <paramref name="InputThrough"/> without a raise; 0 when it carries none.
/// </summary>
public sealed record WorkflowStart(string Name, object Input, long InputThrough);
