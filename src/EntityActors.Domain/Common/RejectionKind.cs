namespace EntityActors.Domain.Common;

public enum RejectionKind
{
    /// <summary>The signal itself is malformed (bad amount, quantity, id): 400.</summary>
    Invalid,

    /// <summary>The entity is not in a state that accepts this signal (closed, checked out, already open): 409.</summary>
    Conflict,

    /// <summary>A business rule refuses it (insufficient funds, out of stock): 422.</summary>
    Unprocessable,
}
