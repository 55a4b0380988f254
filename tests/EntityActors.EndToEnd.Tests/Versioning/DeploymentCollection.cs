namespace EntityActors.EndToEnd.Tests.Versioning;

/// <summary>The tests of <see cref="DeploymentFixture"/>, never beside another collection's tests: generations end by age here.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeploymentCollection : ICollectionFixture<DeploymentFixture>
{
    public const string Name = "dapr-deployment";
}
