using System.Text.Json;

namespace EntityActors.App.Engine.Contracts;

/// <summary>
/// A signal's receipt with the entity as its single writer left it after the signal's batch, and where that writer is
/// when clients are told (<see cref="Options.PeerRoutingOptions.AdvertiseToClients"/>).
/// </summary>
public sealed record SignalAnswer(SignalReceipt Receipt, EntityView<JsonElement>? Entity, Uri? Writer = null);
