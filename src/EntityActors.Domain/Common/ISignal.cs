namespace EntityActors.Domain.Common;

/// <summary>A signal can check its own shape (ids, quantities, amounts) before any state is involved.</summary>
public interface ISignal
{
    /// <summary>The first shape problem found, or <c>null</c> when the signal is well-formed.</summary>
    Rejection? Validate();
}
