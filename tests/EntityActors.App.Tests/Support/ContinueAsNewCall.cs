using System.Text.Json;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Tests.Support;

internal sealed record ContinueAsNewCall(object? Input, bool PreserveUnprocessedEvents)
{
    /// <summary>The input as the next generation receives it: serialized by the runtime and read back.</summary>
    public T InputAs<T>() =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(Input, EntityJson.Options), EntityJson.Options)
        ?? throw new InvalidOperationException("The continue-as-new input was null.");
}
