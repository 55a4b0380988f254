using System.Globalization;
using System.Text.Json;
using Dapr.Client;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Store;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Operations;

/// <summary>
/// An operation's lines (one record per chunk, written before the parent is scheduled) and its line failures (one
/// record per slice that had any) in the entity store: workflow histories carry only counts and record keys.
/// </summary>
public sealed class OperationStore(IEntityStore store, IOptions<OperationOptions> options)
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
        await store.ExecuteTransactionAsync(writes, cancellationToken);
    }

    public async Task<IReadOnlyList<OperationLine>> ReadLinesAsync(string operationId, int chunk, CancellationToken cancellationToken) =>
        await store.GetAsync<List<OperationLine>?>(LinesKey(operationId, chunk), cancellationToken)
            ?? throw new InvalidOperationException($"The lines of chunk {chunk} of operation {operationId} are not in the store (expired?).");

    public Task SaveFailuresAsync(string operationId, int firstPosition, IReadOnlyList<LineFailure> failures, CancellationToken cancellationToken) =>
        store.ExecuteTransactionAsync(
            [new StateTransactionRequest(FailuresKey(operationId, firstPosition), JsonSerializer.SerializeToUtf8Bytes(failures, EntityJson.Options), StateOperationType.Upsert, metadata: Retention())],
            cancellationToken);

    public async Task<IReadOnlyList<LineFailure>> ReadFailuresAsync(string operationId, int firstPosition, CancellationToken cancellationToken) =>
        await store.GetAsync<List<LineFailure>?>(FailuresKey(operationId, firstPosition), cancellationToken) ?? [];

    private static string LinesKey(string operationId, int chunk) => $"operations:{operationId}:lines:{chunk}";

    private static string FailuresKey(string operationId, int firstPosition) => $"operations:{operationId}:failures:{firstPosition}";

    private Dictionary<string, string> Retention() =>
        new() { ["ttlInSeconds"] = ((long)options.Value.Retention.TotalSeconds).ToString(CultureInfo.InvariantCulture) };
}
