namespace EntityActors.App.Operations;

/// <summary>The input of one <see cref="ApplyOperationLinesActivity"/> call: which positions of which chunk to send.</summary>
/// <param name="FinalAttempt">Lines that cannot be confirmed are reported as failures rather than failing the call.</param>
public sealed record OperationSlice(BulkOperation Operation, int Chunk, LineRange Lines, bool FinalAttempt = false);
