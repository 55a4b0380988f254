using System.Globalization;
using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Hosting;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Operations;

/// <summary>
/// An operation's lines (one record per chunk, written before the parent is scheduled) and its line failures (one
/// record per slice that had any) in the entity store: workflow histories carry only counts and record keys.
/// </summary>
public sealed class OperationStore(DaprClient dapr, IOptions<DaprComponentsOptions> components, IOptions<OperationOptions> options)
{
    public async Task SaveLinesAsync(string operationId, IReadOnlyList<OperationLine> lines, int chunkLines, CancellationToken cancellationToken)
    {
        var writes = OperationChunks.Split(lines, chunkLines)
            .Select(chunk => new StateTransactionRequest(
                LinesKey(operationId, chunk.Index),
                JsonSerializer.SerializeToUtf8Bytes(chunk.Lines, EntityJson.Options),
                StateOperationType.Upsert,
                metadata: Retention()))
            .ToList();
        await dapr.ExecuteStateTransactionAsync(components.Value.EntityStore, writes, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<OperationLine>> ReadLinesAsync(string operationId, int chunk, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<List<OperationLine>?>(components.Value.EntityStore, LinesKey(operationId, chunk), cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException($"The lines of chunk {chunk} of operation {operationId} are not in the store (expired?).");

    public Task SaveFailuresAsync(string operationId, int firstPosition, IReadOnlyList<LineFailure> failures, CancellationToken cancellationToken) =>
        dapr.SaveStateAsync(components.Value.EntityStore, FailuresKey(operationId, firstPosition), failures, metadata: Retention(), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<LineFailure>> ReadFailuresAsync(string operationId, int firstPosition, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<List<LineFailure>?>(components.Value.EntityStore, FailuresKey(operationId, firstPosition), cancellationToken: cancellationToken) ?? [];

    private static string LinesKey(string operationId, int chunk) => $"operations:{operationId}:lines:{chunk}";

    private static string FailuresKey(string operationId, int firstPosition) => $"operations:{operationId}:failures:{firstPosition}";

    private Dictionary<string, string> Retention() =>
        new() { ["ttlInSeconds"] = ((long)options.Value.Retention.TotalSeconds).ToString(CultureInfo.InvariantCulture) };
}
