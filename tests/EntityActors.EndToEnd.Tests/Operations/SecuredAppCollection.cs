namespace EntityActors.EndToEnd.Tests.Operations;

/// <summary>
/// The operations tests: one <see cref="SecuredAppFixture"/>. Not run in parallel with other collections, so their
/// extra environments never compete for the machine's cores with the shared one's timing-sensitive tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SecuredAppCollection : ICollectionFixture<SecuredAppFixture>
{
    public const string Name = "dapr-secured";
}
