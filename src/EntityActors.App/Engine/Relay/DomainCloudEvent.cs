using EntityActors.App.Engine.Contracts;

namespace EntityActors.App.Engine.Relay;

/// <summary>
/// The CloudEvent for what one applied signal changed. Its id is the signal's id and its acceptance time: the same when
/// the event is published again, and unlike any event of an erased entity whose id was used again (that entity's signal
/// 1 was <c>accounts-alice:1</c> too).
/// </summary>
public static class DomainCloudEvent
{
    public static EntityCloudEvent<DomainEventData> For(EntityAddress address, AppliedSignal applied) =>
        EntityCloudEvent<DomainEventData>.Of(
            address,
            applied.Outcome.Name,
            applied.Outcome.SignalId,
            applied.Outcome.At,
            new DomainEventData(address.Kind, address.Id, applied.Outcome.Sequence, applied.Outcome.Version, applied.Outcome.Name, applied.Events, applied.TraceParent));
}
