namespace EntityActors.EndToEnd.Tests.RunCommand;

/// <summary>The run command's tests start a runtime of their own: never beside another collection's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunCommandCollection
{
    public const string Name = "run-command";
}
