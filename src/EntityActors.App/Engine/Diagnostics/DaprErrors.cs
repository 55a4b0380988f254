using EntityActors.App.Engine.SingleWriter;
using Grpc.Core;

namespace EntityActors.App.Engine.Diagnostics;

/// <summary>
/// What an error from the Dapr SDKs or the sidecar means, in the one place that knows how each is recognised. Where
/// the runtime gives no status code to tell them apart, its message is matched: an upgrade that rewords one breaks a
/// test here, not a call site.
/// </summary>
public static class DaprErrors
{
    /// <summary>
    /// Scheduling a workflow whose id is taken by a running instance: "an active workflow with ID '…' already exists",
    /// reaching the .NET client as status Unknown, not AlreadyExists.
    /// </summary>
    public static bool IsWorkflowAlreadyRunning(Exception exception) => Mentions(exception, "already exists");

    /// <summary>
    /// A read of a workflow instance that raced its own save: the sidecar reads an instance's rows without a
    /// transaction, so the metadata can name rows not written yet ("… missing from state store"). The next read is consistent.
    /// </summary>
    public static bool IsTornWorkflowRead(Exception exception) =>
        exception is RpcException rpc && rpc.Status.Detail.Contains("missing from state store", StringComparison.Ordinal);

    /// <summary>
    /// A state transaction refused on a first-write or ETag conflict: nothing in it was written, where the store refuses
    /// atomically (see <see cref="Store.InsertIfAbsentProbe"/>). SQLite says "etag mismatch"; PostgreSQL v2 says "no item
    /// was updated" for a first-write without ETag whose key exists.
    /// </summary>
    public static bool IsWriteConflict(Exception exception) => exception is Store.EntityStoreConflictException || Mentions(exception, "etag mismatch") || Mentions(exception, "no item was updated");

    /// <summary>
    /// An entity actor refused a call because its workflow has ended (<see cref="EntityUnavailableException"/>). Thrown
    /// in process it is that type; through the sidecar it arrives as an actor invocation error naming it.
    /// </summary>
    public static bool IsEntityUnavailable(Exception exception) =>
        exception is EntityUnavailableException || exception.InnerException is EntityUnavailableException
        || exception.ToString().Contains(nameof(EntityUnavailableException), StringComparison.Ordinal);

    private static bool Mentions(Exception exception, string text) =>
        exception.ToString().Contains(text, StringComparison.OrdinalIgnoreCase);
}
