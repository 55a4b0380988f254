namespace EntityActors.App.Engine.Contracts;

/// <summary>
/// What a signal refused for its idempotency key differs in from the signal the key was first used for. The writer's
/// receipt of a reused key is the first use's (its name, sequence), so the caller, which knows what it sent, can tell
/// another signal from the same signal with another body.
/// </summary>
public static class KeyReuse
{
    /// <summary>Names what differs: another signal (both named) or the same signal with another body.</summary>
    /// <param name="receipt">The receipt of the refused signal (<see cref="SignalReceipt.KeyReused"/>).</param>
    /// <param name="sentSignal">The name of the signal that was refused.</param>
    public static string Describe(SignalReceipt receipt, string sentSignal) =>
        string.Equals(receipt.Name, sentSignal, StringComparison.Ordinal)
            ? $"Key '{receipt.IdempotencyKey}' was first used for signal '{receipt.Name}' #{receipt.Sequence} with another body"
            : $"Key '{receipt.IdempotencyKey}' was first used for another signal: '{receipt.Name}' #{receipt.Sequence}, not '{sentSignal}'";
}
