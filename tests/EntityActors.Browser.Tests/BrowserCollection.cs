namespace EntityActors.Browser.Tests;

/// <summary>One app and one Chromium for every browser test; the tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ExplorerFixture>
{
    public const string Name = "browser";
}
