namespace EntityActors.App.Engine.Workflow;

/// <summary>Names of the external events entity workflows wait for.</summary>
public static class EntityEventNames
{
    public const string Signals = "signals";
}
