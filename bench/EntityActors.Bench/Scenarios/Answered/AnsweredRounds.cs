using System.Collections.Concurrent;
using System.Diagnostics;
using EntityActors.Bench.Accounts;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Product;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios.Answered;

/// <summary>
/// One round of the answered scenario on each side. The product and Restate get the same account signals through the
/// same kind of HTTP client and wait for each outcome in the answer; the bare baseline, which has no answer to give,
/// raises and then polls the counter until the event is applied. The product's CPU is measured on until its accounts'
/// workflows show every signal too: the work its relay defers past the answer is the round's as well.
/// </summary>
public sealed class AnsweredRounds(BenchContext context)
{
    private readonly BenchOptions options = context.Options;

    private int Total => options.Entities * options.SignalsPerEntity;

    public Task<AnsweredRound> ProductAsync(ScenarioRecorder recorder, int round, CancellationToken cancellationToken) =>
        ProductAsync(recorder, BenchSide.Product, context.Product, context.ProductWorkflows, round, cancellationToken);

    /// <summary>
    /// A product round as <paramref name="side"/>, through <paramref name="product"/> (e.g. spread over several replicas),
    /// its accounts' workflows read through <paramref name="workflows"/>.
    /// </summary>
    public Task<AnsweredRound> ProductAsync(
        ScenarioRecorder recorder, string side, ProductClient product, ProductWorkflows workflows, int round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        return AccountsAsync(recorder, side, round, context.ProductId,
            (id, signal, body, key, token) => product.SignalAccountAsync(id, signal, body, key, options.SignalWaitSeconds, token),
            product.GetAccountAsync,
            (ids, sequence, token) => workflows.WaitUntilCaughtUpAsync(ProductClient.AccountsKind, ids, sequence, options.WorkflowCatchUpTimeout, token),
            cancellationToken);
    }

    public Task<AnsweredRound> RestateAsync(ScenarioRecorder recorder, int round, CancellationToken cancellationToken) =>
        AccountsAsync(recorder, BenchSide.Restate, round, context.RestateId, context.Restate.SignalAccountAsync, context.Restate.GetAccountAsync, null, cancellationToken);

    public async Task<AnsweredRound> BaselineAsync(ScenarioRecorder recorder, int round, CancellationToken cancellationToken)
    {
        var baseline = context.Baseline;
        var ids = Enumerable.Range(0, options.Entities).Select(e => context.BaselineId($"answered-{round}-{e}")).ToArray();
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            await baseline.ScheduleAsync(ids[e], options.ContinueAsNewAfterSignals, token);
            await baseline.WaitForCountAsync(ids[e], 0, options.ApplyTimeout, token);
        }, cancellationToken);

        var raised = new int[ids.Length];
        var answers = new ConcurrentBag<double>();
        using var cpu = context.MeasureCpu(recorder, BenchSide.Baseline, Label(round));
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(Total, options.Senders, async (i, token) =>
        {
            var e = i % ids.Length;
            var target = Interlocked.Increment(ref raised[e]);
            answers.Add(await Timed.MillisecondsAsync(async () =>
            {
                await baseline.RaiseAsync(ids[e], token);
                await baseline.WaitForCountAsync(ids[e], target, options.ApplyTimeout, token);
            }));
        }, cancellationToken);
        var elapsedMs = Timed.Since(started);
        cpu.Dispose();

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var exact = 0;
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            if (await baseline.ReadCountAsync(ids[e], token) == options.SignalsPerEntity)
            {
                Interlocked.Increment(ref exact);
            }
        }, cancellationToken);
        recorder.Check(BenchSide.Baseline, $"round {round}: every instance counted its {options.SignalsPerEntity} events exactly once", exact == ids.Length,
            $"{exact} of {ids.Length} instances exact");
        return Finish(BenchSide.Baseline, round, elapsedMs, cpu, answers, 0);
    }

    /// <summary>
    /// Opens the accounts (untimed), then sends every signal and waits for its answer; checks that each account ends as
    /// its answers say: every signal handled once, the accepted ones counted in its version and its balance, and every
    /// refusal an insufficient-funds answer.
    /// </summary>
    /// <param name="caughtUp">
    /// The product's: returns once every account's workflow shows the given sequence. Awaited for the opening signal
    /// before the timing, and for the last signal inside the CPU window.
    /// </param>
    private async Task<AnsweredRound> AccountsAsync(
        ScenarioRecorder recorder, string side, int round, Func<string, string> idOf,
        Func<string, string, string, string, CancellationToken, Task<AccountAnswer>> signal,
        Func<string, CancellationToken, Task<AccountView?>> read,
        Func<string[], long, CancellationToken, Task>? caughtUp, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, options.Entities).Select(e => idOf($"answered-{round}-{e}")).ToArray();
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            var opened = await signal(ids[e], AccountSignals.Open, AccountSignals.OpenBody, "open", token);
            if (!opened.Accepted)
            {
                throw new InvalidOperationException($"{side} refused to open account {ids[e]}: {opened.RejectionCode}.");
            }
        }, cancellationToken);
        if (caughtUp is not null)
        {
            await caughtUp(ids, 1, cancellationToken);
        }

        var tallies = ids.Select(_ => new Tally()).ToArray();
        var answers = new ConcurrentBag<double>();
        using var cpu = context.MeasureCpu(recorder, side, Label(round));
        var started = Stopwatch.GetTimestamp();
        await Senders.RunAsync(Total, options.Senders, async (i, token) =>
        {
            var (e, n) = (i % ids.Length, i / ids.Length);
            var (name, body) = AccountSignals.Nth(n);
            var began = Stopwatch.GetTimestamp();
            var answer = await signal(ids[e], name, body, $"answered-{n}", token);
            answers.Add(Timed.Since(began));
            tallies[e].Add(name, answer);
        }, cancellationToken);
        var elapsedMs = Timed.Since(started);
        double? caughtUpMs = null;
        if (caughtUp is not null)
        {
            await caughtUp(ids, options.SignalsPerEntity + 1, cancellationToken);
            caughtUpMs = Timed.Since(started);
        }

        cpu.Dispose();

        await Task.Delay(BenchContext.Settle, cancellationToken);
        var exact = 0;
        string? firstWrong = null;
        await Senders.RunAsync(ids.Length, options.Senders, async (e, token) =>
        {
            var view = await read(ids[e], token);
            var tally = tallies[e];
            var expected = new AccountView(options.SignalsPerEntity + 1, 1 + tally.Deposits + tally.Withdrawals, AccountSignals.Balance(tally.Deposits, tally.Withdrawals));
            if (view == expected && tally.OtherRefusals == 0)
            {
                Interlocked.Increment(ref exact);
            }
            else
            {
                Interlocked.CompareExchange(ref firstWrong, $"{ids[e]}: read {view}, the answers say {expected} ({tally.OtherRefusals} other refusals)", null);
            }
        }, cancellationToken);
        recorder.Check(side, $"round {round}: every account ends as its answers say (each signal once; only insufficient-funds refused)", exact == ids.Length,
            $"{exact} of {ids.Length} accounts exact{(firstWrong is null ? string.Empty : "; first wrong: " + firstWrong)}");
        return Finish(side, round, elapsedMs, cpu, answers, tallies.Sum(t => t.Refused), caughtUpMs);
    }

    private static string? Label(int round) => round == 1 ? null : $"round{round}";

    private AnsweredRound Finish(
        string side, int round, double elapsedMs, SideCpu cpu, ConcurrentBag<double> answers, int rejected, double? caughtUpMs = null)
    {
        var result = new AnsweredRound(new SideRound(round, Total, elapsedMs, elapsedMs, cpu.SideSeconds, caughtUpMs, cpu.SideSwitches), answers.ToList(), rejected);
        context.Log.Line(
            $"  {side,-8} {Total} answered in {elapsedMs / 1000:0.00} s → {result.Timing.AppliedPerSecond:0} /s ({rejected} refused); answer {result.Answers}" +
            (caughtUpMs is { } ms ? $"; workflows caught up in {ms / 1000:0.00} s" : string.Empty));
        return result;
    }

    /// <summary>What one account's answers said, so its final state can be checked against them.</summary>
    private sealed class Tally
    {
        private readonly Lock gate = new();

        public int Deposits { get; private set; }

        public int Withdrawals { get; private set; }

        public int Refused { get; private set; }

        public int OtherRefusals { get; private set; }

        public void Add(string signal, AccountAnswer answer)
        {
            lock (gate)
            {
                if (answer.Accepted && signal == AccountSignals.Deposit)
                {
                    Deposits++;
                }
                else if (answer.Accepted)
                {
                    Withdrawals++;
                }
                else
                {
                    Refused++;
                    OtherRefusals += answer.RejectionCode == AccountSignals.InsufficientFunds && signal == AccountSignals.Withdraw ? 0 : 1;
                }
            }
        }
    }
}
