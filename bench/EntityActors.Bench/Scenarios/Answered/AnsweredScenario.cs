using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios.Answered;

/// <summary>
/// Many accounts, each signal's sender waiting for its answer (accepted, or refused by a rule) before sending the next:
/// what a caller that needs the outcome gets, in signals per second and answer latency.
/// </summary>
public sealed class AnsweredScenario(BenchContext context) : IBenchScenario
{
    private readonly BenchOptions options = context.Options;

    public string Id => ScenarioNames.Answered;

    public string Title => $"{options.Entities} accounts × {options.SignalsPerEntity} signals, each answer awaited";

    public string Method =>
        $"{options.Entities} accounts × {options.SignalsPerEntity} signals, round robin, {options.Senders} concurrent senders, each waiting for " +
        "its answer before taking the next signal: deposits of 1.00 and withdrawals of 2.00 in turn, so about one withdrawal in two is refused " +
        "for insufficient funds. The accounts are opened first (untimed). Product: POST /accounts/{id}/signals/{signal} with Prefer: " +
        $"wait={options.SignalWaitSeconds} (200 with the outcome, 422 for the refusal). Restate: request-response POST /accounts/{{key}}/{{signal}} " +
        "(the outcome in the answer). Both with an Idempotency-Key. Baseline (no rules, no answer): raise, then poll the counter until the event " +
        "is applied. Checked: every account ends as its answers say. " +
        $"{options.ManyRounds} alternating rounds on new accounts; each side's median rate is reported, latency over all rounds. CPU per 1,000 " +
        "signals adds up a side's own processes; the product's until its accounts' workflows show every signal too (its relay's deferred raise " +
        "and the workflow's episode, read through its sidecar every 100 ms).";

    public async Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var rounds = new AnsweredRounds(context);
        var product = new List<AnsweredRound>();
        var baseline = new List<AnsweredRound>();
        var restate = new List<AnsweredRound>();
        for (var round = 1; round <= options.ManyRounds; round++)
        {
            product.Add(await rounds.ProductAsync(recorder, round, cancellationToken));
            baseline.Add(await rounds.BaselineAsync(recorder, round, cancellationToken));
            restate.Add(await rounds.RestateAsync(recorder, round, cancellationToken));
        }

        var p = Record(recorder, BenchSide.Product, product);
        var b = Record(recorder, BenchSide.Baseline, baseline);
        var r = Record(recorder, BenchSide.Restate, restate);
        var label = $"{options.Entities} accounts × {options.SignalsPerEntity}, {options.Senders} senders, each answer awaited";
        recorder.Row($"{label}: signals/s", "/s", p.Rate, b.Rate, r.Rate, BenchTarget.TimesRestate(1.5));
        recorder.Row($"{label}: answer p50", "ms", p.Answers.P50, b.Answers.P50, r.Answers.P50);
        recorder.Row($"{label}: answer p99", "ms", p.Answers.P99, b.Answers.P99, r.Answers.P99);
        recorder.Row($"{label}: CPU per 1,000 signals, all processes of a side", "s", p.CpuPerThousand, b.CpuPerThousand, r.CpuPerThousand, BenchTarget.NoMoreThanRestate());
    }

    private (double Rate, double? CpuPerThousand, LatencySummary Answers) Record(ScenarioRecorder recorder, string side, List<AnsweredRound> rounds)
    {
        var (rate, cpu) = SideRound.Record(recorder, side, rounds.Select(r => r.Timing).ToList());
        var answers = LatencySummary.Of(rounds.SelectMany(r => r.AnswerMs).ToList());
        recorder.Figure(side, "answerP50Ms", answers.P50);
        recorder.Figure(side, "answerP90Ms", answers.P90);
        recorder.Figure(side, "answerP99Ms", answers.P99);
        recorder.Figure(side, "refusedAnswers", rounds.Sum(r => r.Rejected));
        if (options.ManyRounds > 1)
        {
            context.Log.Line($"  {side,-8} median of {options.ManyRounds} rounds: {rate:0} /s; answer over all rounds {answers}");
        }

        return (rate, cpu, answers);
    }
}
