using System.Text.Json;
using Dapr.Workflow;
using EntityActors.App.Entities;
using EntityActors.App.Http;
using Microsoft.Extensions.Options;

namespace EntityActors.App.Checkouts;

/// <summary>
/// Sends one signal to an entity through the same intake as HTTP and waits for its answer. Idempotent:
/// the command's key makes a retried attempt a duplicate, which returns the original outcome. Transport
/// faults and missing answers throw (the retry policy retries them); rejections return as results.
/// </summary>
public sealed class SendSignalActivity(
    EntityCatalog catalog,
    SignalGateway gateway,
    EntityReader reader,
    TransientFaults faults,
    IOptions<CheckoutOptions> options) : WorkflowActivity<SignalCommand, SignalResult>
{
    public override async Task<SignalResult> RunAsync(WorkflowActivityContext context, SignalCommand input)
    {
        faults.ThrowIfInjected(input);
        if (!catalog.TryGet(input.Kind, out var entity))
        {
            throw new PermanentSignalException($"Unknown entity kind '{input.Kind}'.");
        }

        var parsed = SignalRequestReader.Parse(entity, input.Signal, JsonSerializer.SerializeToUtf8Bytes(input.Body), input.IdempotencyKey);
        if (parsed.Submission is null)
        {
            throw new PermanentSignalException($"{input} is invalid: {parsed.Problem?.ProblemDetails.Detail}");
        }

        var address = new EntityAddress(input.Kind, input.EntityId);
        var receipt = await gateway.SubmitAsync(address, parsed.Submission, CancellationToken.None);
        var (outcome, _) = await reader.WaitForOutcomeAsync<JsonElement>(address, receipt.Sequence, options.Value.SignalAnswerTimeout, CancellationToken.None);
        return outcome is null
            ? throw new TimeoutException($"{input} (sequence {receipt.Sequence}) was not answered within {options.Value.SignalAnswerTimeout}.")
            : new SignalResult(outcome.Accepted, outcome.Rejection?.Code, outcome.Rejection?.Reason, outcome.Version);
    }
}
