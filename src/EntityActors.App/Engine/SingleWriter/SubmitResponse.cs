using System.Text.Json;
using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.SingleWriter;

/// <summary>
/// One receipt per submitted signal, in the order submitted, and the entity as the batch left it; from a call routed by
/// the sidecar or handed to a peer, also the <see cref="Options.PeerRoutingOptions.DirectAddress"/> of the replica whose
/// writer answered.
/// </summary>
public sealed record SubmitResponse(IReadOnlyList<SignalReceipt> Receipts, EntityView<JsonElement>? View = null, string? Writer = null);
