using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Http;

namespace EntityActors.App.Engine.Intake;

/// <summary>
/// How workflows signal entities: through the same validation and single-writer intake as HTTP, with the
/// command's idempotency key, so every retry of the sending activity is a duplicate of the first.
/// </summary>
public sealed class SignalSender(EntityCatalog catalog, SignalGateway gateway, FaultInjection faults)
{
    private const string WorkflowOrigin = "workflow:";

    public async Task<SignalAnswer> SubmitAsync(SignalCommand command)
    {
        faults.ThrowIfInjected(command);
        await faults.DelayIfInjectedAsync(command);
        if (!catalog.TryGet(command.Kind, out var entity))
        {
            throw new PermanentSignalException($"Unknown entity kind '{command.Kind}'.");
        }

        // A workflow's command names its target from data (a cart line's sku, a checkout's account): hold it to the rule
        // the API holds ids to, so no path reaches an entity the API could not.
        if (!EntityIds.IsValid(command.EntityId))
        {
            throw new PermanentSignalException($"{command} names no valid entity: {EntityIds.Describe(command.EntityId)}");
        }

        var parsed = SignalRequestReader.ParseFromWorkflow(entity, command.Signal, JsonSerializer.SerializeToUtf8Bytes(command.Body), command.IdempotencyKey);
        if (parsed.Submission is null)
        {
            throw new PermanentSignalException($"{command} is invalid: {parsed.Problem?.ProblemDetails.Detail}");
        }

        var address = new EntityAddress(command.Kind, command.EntityId);
        var submission = parsed.Submission with
        {
            // What a workflow signals exists (an account it holds money on, a bulk line's item): one erased meanwhile
            // refuses in its own turn rather than coming back as a new entity.
            MustExist = true,
            // A workflow's keys are its own. They are guessable (a checkout's are built from its id), so a client sending
            // the same signal under one first must be answered as reusing it, and the workflow's send refused, never
            // taken for a repeat of the workflow's own (a compensation would release nothing and report it undone).
            PayloadHash = WorkflowOrigin + parsed.Submission.PayloadHash,
        };
        return await gateway.SubmitAsync(address, submission, CancellationToken.None);
    }
}
