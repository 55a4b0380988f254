namespace EntityActors.EndToEnd.Tests;

/// <summary>A test class in the shared environment that talks to the app through <see cref="Api"/>.</summary>
public abstract class EntityApiTest(DaprAppFixture fixture) : IAsyncLifetime
{
    protected DaprAppFixture Fixture { get; } = fixture;

    protected EntityApiClient Api { get; } = new(fixture.Environment.CreateAppClient());

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Api.Http.Dispose();
        return Task.CompletedTask;
    }
}
