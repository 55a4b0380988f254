namespace EntityActors.EndToEnd.Tests;

/// <summary>Every end-to-end test shares one <see cref="DaprAppFixture"/>; tests in a collection run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DaprCollection : ICollectionFixture<DaprAppFixture>
{
    /// <summary>The collection name to put on test classes: <c>[Collection(DaprCollection.Name)]</c>.</summary>
    public const string Name = "dapr";
}
