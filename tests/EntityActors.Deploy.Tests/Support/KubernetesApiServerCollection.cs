namespace EntityActors.Deploy.Tests.Support;

/// <summary>The tests that share one API server; it starts before the first of them and stops after the last.</summary>
[CollectionDefinition(Name)]
public sealed class KubernetesApiServerCollection : ICollectionFixture<KubernetesApiServerFixture>
{
    public const string Name = "kube-apiserver";
}
