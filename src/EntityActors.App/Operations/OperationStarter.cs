using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapr.Workflow;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;
using EntityActors.App.Http;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Operations;

/// <summary>
/// Stores a validated operation's lines and schedules its parent workflow. With an <c>Idempotency-Key</c> the
/// operation id is derived from the key, so a repeated request finds the operation it started instead of starting
/// another (and an existing instance is never scheduled again, which would wipe it).
/// </summary>
public sealed class OperationStarter(
    DaprWorkflowClient workflows, OperationStore store, IOptions<OperationOptions> options, TimeProvider time, ILogger<OperationStarter> logger)
{
    /// <param name="parameters">What besides the lines defines the request (e.g. <c>idleFor=00:30:00</c>): part of what a key stands for.</param>
    public async Task<OperationStart> StartAsync(
        string name, string entityKind, string signal, string parameters, LineGuard guard, IReadOnlyList<OperationLine> lines, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var hash = Hash(name, parameters, lines);
        var operationId = idempotencyKey is null ? IdempotencyKeys.Generate() : IdFromKey(name, idempotencyKey);
        var instanceId = BulkOperation.InstanceIdFor(operationId);
        if (await ExistingAsync(instanceId, hash, cancellationToken) is { } existing)
        {
            return existing;
        }

        var settings = options.Value.ToSettings();
        var operation = new BulkOperation(operationId, name, entityKind, signal, lines.Count, guard, hash, time.GetUtcNow(), settings);
        await store.SaveLinesAsync(operationId, OperationChunks.Arrange(lines), settings.ChunkLines, cancellationToken);
        var run = OperationRun.Start(operation);
        if (!await workflows.TryScheduleNewWorkflowAsync(nameof(BulkOperationWorkflow), instanceId, run))
        {
            return await ExistingAsync(instanceId, hash, cancellationToken) ?? new OperationStart(OperationView.Of(run), Replayed: true, KeyReused: false);
        }

        logger.LogOperationStarted(operationId, name, lines.Count, operation.Chunks);
        return new OperationStart(OperationView.Of(run), Replayed: false, KeyReused: false);
    }

    private async Task<OperationStart?> ExistingAsync(string instanceId, string hash, CancellationToken cancellationToken)
    {
        var state = await workflows.ReadWorkflowStateAsync(instanceId, cancellationToken);
        if (state is not { Exists: true } || state.ReadInputAs<OperationRun>() is not { } run)
        {
            return null;
        }

        return run.Operation.BodyHash == hash
            ? new OperationStart(state.ReadCustomStatusAs<OperationView>() ?? OperationView.Of(run), Replayed: true, KeyReused: false)
            : new OperationStart(null, Replayed: false, KeyReused: true);
    }

    /// <summary>32 hex digits from the operation's name and the client's key: the same key for another kind of operation is another operation.</summary>
    public static string IdFromKey(string name, string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{idempotencyKey}")))[..32];

    private static string Hash(string name, string parameters, IReadOnlyList<OperationLine> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{name}\n{parameters}\n"));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(lines, EntityJson.Options));
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
