using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Tests.Support.Probes;

/// <summary>Builders for probe envelopes and batches.</summary>
internal static class ProbeBatches
{
    public static readonly EntityAddress Address = new(Probe.Kind, "probe-1");

    public static EntityCheckpoint<ProbeState> Initial() =>
        EntityCheckpoint<ProbeState>.Initial(Probe.Kind, Address.Id, Probe.Initial, Accounts.Settings());

    public static SignalEnvelope Envelope(long sequence, ProbeSignal signal) =>
        new(Address.SignalId(sequence), sequence, signal.GetType().Name.ToLowerInvariant(), $"key-{sequence}",
            JsonSerializer.SerializeToElement(signal, EntityJson.Options), Clock.T0);

    public static AbsorbedBatch<ProbeState> Absorb(EntityCheckpoint<ProbeState> checkpoint, params SignalEnvelope[] envelopes) =>
        EntityLoop<Probe, ProbeState, ProbeSignal, ProbeEvent>.Absorb(checkpoint, new SignalBatch(envelopes, Accounts.Settings()));
}
