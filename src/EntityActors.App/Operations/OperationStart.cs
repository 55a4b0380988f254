namespace EntityActors.App.Operations;

/// <summary>What starting an operation came to: started now, the same request seen before, or its key reused for other lines.</summary>
public sealed record OperationStart(OperationView? View, bool Replayed, bool KeyReused);
