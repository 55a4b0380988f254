using System.Collections.Immutable;
using System.Text.Json;
using EntityActors.App.Engine.Contracts;
using EntityActors.App.Engine.Workflow;
using EntityActors.Domain.Accounts;
using EntityActors.Domain.Common;

namespace EntityActors.App.Tests.Support;

/// <summary>Builders for account checkpoints, envelopes and batches as the actor would send them.</summary>
internal static class Accounts
{
    public const string Id = "acct-1";

    public static readonly EntityAddress Address = new(Account.Kind, Id);

    public static EntityWorkflowSettings Settings(int continueAsNewAfter = 100) =>
        new(continueAsNewAfter, ActivityMaxAttempts: 7, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(9));

    public static Money Eur(decimal amount) => new(amount, "EUR");

    /// <summary>An account opened by signal 1 and holding <paramref name="balance"/>, with nothing else handled.</summary>
    public static EntityCheckpoint<AccountState> Opened(decimal balance = 0m, EntityWorkflowSettings? settings = null) =>
        EntityCheckpoint<AccountState>.Initial(Account.Kind, Id, Account.Initial, settings ?? Settings()) with
        {
            State = new AccountState { Status = AccountStatus.Open, Owner = "Ada", Currency = "EUR", Balance = balance },
            Version = 1,
            Sequence = 1,
            LastChangedAt = Clock.T0,
        };

    /// <summary>An envelope accepted at <paramref name="at"/> (the time its rules decide with), <see cref="Clock.T0"/> by default.</summary>
    public static SignalEnvelope Envelope(long sequence, AccountSignal signal, DateTimeOffset? at = null) =>
        Envelope(sequence, NameOf(signal), JsonSerializer.SerializeToElement<AccountSignal>(signal, EntityJson.Options), at);

    public static SignalEnvelope Envelope(long sequence, string name, JsonElement payload, DateTimeOffset? at = null) =>
        new(Address.SignalId(sequence), sequence, name, $"key-{sequence}", payload, at ?? Clock.T0);

    public static SignalBatch Batch(params SignalEnvelope[] envelopes) => new(envelopes, Settings());

    public static SignalBatch Batch(EntityWorkflowSettings settings, params SignalEnvelope[] envelopes) => new(envelopes, settings);

    /// <summary>Deposits of 1, 2, 3 … EUR with consecutive sequences starting at <paramref name="from"/>.</summary>
    public static SignalEnvelope[] Deposits(long from, int count) =>
        Enumerable.Range(0, count).Select(i => Envelope(from + i, new Deposit(Eur(i + 1)))).ToArray();

    public static AbsorbedBatch<AccountState> Absorb(EntityCheckpoint<AccountState> checkpoint, SignalBatch batch) =>
        EntityLoop<Account, AccountState, AccountSignal, AccountEvent>.Absorb(checkpoint, batch);

    public static ImmutableList<long> Sequences(IEnumerable<SignalEnvelope> envelopes) => envelopes.Select(e => e.Sequence).ToImmutableList();

    public static Rejection RejectionOf(AppliedSignal applied) =>
        applied.Outcome.Rejection ?? throw new InvalidOperationException($"Signal {applied.Outcome.Sequence} was accepted.");

    private static string NameOf(AccountSignal signal) =>
        AccountSignal.ByName.Single(pair => pair.Value == signal.GetType()).Key;
}
