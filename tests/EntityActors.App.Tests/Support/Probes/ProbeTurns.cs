using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;

namespace EntityActors.App.Tests.Support.Probes;

/// <summary>Builders for probe envelopes and turns.</summary>
internal static class ProbeTurns
{
    public static readonly EntityAddress Address = new(Probe.Kind, "probe-1");

    public static EntityCheckpoint<ProbeState> Initial() =>
        EntityCheckpoint<ProbeState>.Initial(Probe.Kind, Address.Id, Probe.Initial, Accounts.Settings());

    public static SignalEnvelope Envelope(long sequence, ProbeSignal signal) =>
        new(Address.SignalId(sequence), sequence, signal.GetType().Name.ToLowerInvariant(), $"key-{sequence}",
            JsonSerializer.SerializeToElement(signal, EntityJson.Options), Clock.T0);

    public static EntityTurn<ProbeState> Absorb(EntityCheckpoint<ProbeState> checkpoint, params SignalEnvelope[] envelopes) =>
        EntityLoop<Probe, ProbeState, ProbeSignal, ProbeEvent>.Absorb(checkpoint, new SignalBatch(envelopes, Accounts.Settings()), Clock.T1);
}
