namespace EntityActors.Domain.Common;

/// <summary>
/// A signal only the system's own workflows send, such as the checkout saga telling its cart how the checkout ended. A
/// client that could send it would end a checkout the saga is still running (a cart checked out with nothing paid, or
/// reopened while its payment is captured), so the public intake (HTTP, pub/sub, bulk operations) does not know it.
/// </summary>
public interface ISystemSignal : ISignal;
