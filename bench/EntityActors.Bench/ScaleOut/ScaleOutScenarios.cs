using System.Globalization;
using EntityActors.Bench.Measuring;
using EntityActors.Bench.Reporting;
using EntityActors.Bench.Scenarios;
using EntityActors.Bench.Scenarios.Answered;
using EntityActors.Bench.Scenarios.ManyEntities;

namespace EntityActors.Bench.ScaleOut;

/// <summary>
/// The many-entities and answered scenarios on the three sides of the multi-replica run, in alternating rounds (n
/// replicas, one replica, bare Dapr, …) on new entities each time, with the same rounds, checks and figures as the
/// default run's; each side's median is reported, answer latency over all rounds.
/// </summary>
public sealed class ScaleOutScenarios(BenchContext context, ScaleOutRuntime runtime)
{
    private const int MaxSettlingTurns = 12;

    /// <summary>Enough for the reference service's few methods to reach tier 1 on each of n processes.</summary>
    private const int ReferenceWarmUpRounds = 10;

    /// <summary>At most this much JIT per app in a settling turn means its code is compiled.</summary>
    private static readonly TimeSpan SettledJit = TimeSpan.FromMilliseconds(50);

    private readonly BenchOptions options = context.Options;
    private readonly ManyEntitiesRounds many = new(context);
    private readonly AnsweredRounds answered = new(context);

    /// <summary>
    /// The reference service's n processes against its one, from the answered rounds (<see cref="ReferenceServices"/>):
    /// what splitting costs a service whose own work is the least it can be; null until answered has run.
    /// </summary>
    public ScaleOutCost? ReferenceCost { get; private set; }

    private int Replicas => options.ScaleOut.Replicas;

    private string RoutingText => options.ScaleOut.Routing is ReplicaRouting.Entity
        ? "each entity's requests to the replica its last answer named as its writer, the others round robin, as a client inside the cluster can"
        : "each request to the next replica's URL, as a load balancer would";

    private string Spread => $"the product on {Replicas} replicas ({RoutingText}), on 1 replica, and bare Dapr, " +
        $"each on {options.ScaleOut.Store.ToString().ToLowerInvariant()} servers of its own";

    /// <summary>
    /// Unrecorded rounds of each scenario on every side, as many on n replicas as there are replicas, so that each app
    /// has taken as many signals as the single one before it is measured: no side is measured while its code is still
    /// being compiled (the tiered JIT promotes a method after so many calls, and each of n apps sees 1/n of them).
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var recorder = Recorder("warm-up", "warm-up", "unrecorded");
        foreach (var (side, client, workflows) in ProductSides())
        {
            var rounds = side == ScaleOutSide.Replicas ? Replicas : 1;
            for (var i = 0; i < rounds; i++)
            {
                // Numbered 0, -1, …: new entities each round, apart from the measured rounds' 1, 2, ….
                await many.ProductAsync(recorder, side, client, workflows, -i, cancellationToken);
                await answered.ProductAsync(recorder, side, client, workflows, -i, cancellationToken);
            }
        }

        await many.BaselineAsync(recorder, 0, cancellationToken);
        await answered.BaselineAsync(recorder, 0, cancellationToken);
        for (var round = 1; round <= ReferenceWarmUpRounds; round++)
        {
            await ReferenceRoundAsync(spreadOut: true, -round, cancellationToken);
            await ReferenceRoundAsync(spreadOut: false, -round, cancellationToken);
        }

        var settling = await SettleAsync(recorder, cancellationToken);
        var failed = recorder.Checks().Where(check => !check.Passed).ToList();
        context.Log.Line($"warmed up: {Replicas} rounds of each scenario on {Replicas} replicas, one on the other sides, then {settling}" +
            $"{(failed.Count == 0 ? string.Empty : $"; {failed.Count} warm-up checks FAILED: {failed[0].Detail}")}");
    }

    /// <summary>
    /// Rounds of each scenario on each product side in turn, for at least <see cref="ScaleOutOptions.Settle"/> and then
    /// until no app compiled for more than <see cref="SettledJit"/> in the last turn (at most <see cref="MaxSettlingTurns"/>
    /// turns). After the first rounds an app still compiles for about a minute (tier-1 recompiles, paths first taken
    /// then), three apps three times as much, and the entities those rounds created get their redelivery reminders a
    /// minute later, n times as many on n replicas: without this the first measured rounds of n replicas paid for both.
    /// </summary>
    private async Task<string> SettleAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var minimum = options.Tiny ? TimeSpan.Zero : options.ScaleOut.Settle;
        if (minimum <= TimeSpan.Zero)
        {
            return "no settling rounds";
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var jit = new AppJitTime(http);
        var apps = runtime.Replicas.Replicas.Concat(runtime.Single.Replicas).Select(replica => replica.AppBaseAddress).ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var before = await jit.SecondsAsync(apps, cancellationToken);
        for (var turn = 1; ; turn++)
        {
            foreach (var (side, client, workflows) in ProductSides())
            {
                await many.ProductAsync(recorder, side, client, workflows, -Replicas - turn, cancellationToken);
                await answered.ProductAsync(recorder, side, client, workflows, -Replicas - turn, cancellationToken);
            }

            var after = await jit.SecondsAsync(apps, cancellationToken);
            var compiled = after.Zip(before, (now, then) => now - then).ToList();
            before = after;
            context.Log.Line(string.Create(CultureInfo.InvariantCulture,
                $"  settling turn {turn} ({started.Elapsed.TotalSeconds:0} s): JIT per app {string.Join(", ", compiled.Select(s => $"{s * 1000:0} ms"))}"));
            var settled = started.Elapsed >= minimum && compiled.All(seconds => seconds <= SettledJit.TotalSeconds);
            if (settled || turn == MaxSettlingTurns)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{turn} settling turns over {started.Elapsed.TotalSeconds:0} s{(settled ? string.Empty : $" (an app still compiled more than {SettledJit.TotalMilliseconds:0} ms in the last)")}");
            }
        }
    }

    public ScenarioRecorder ManyEntitiesRecorder() => Recorder(ScenarioNames.ManyEntities, $"{options.Entities} entities × {options.SignalsPerEntity} signals",
        $"As the default run's many-entities rounds ({options.Entities} entities × {options.SignalsPerEntity} signals, round robin over the entities, " +
        $"{options.Senders} concurrent senders, timed from the first send until every entity shows all its signals applied, checked exact), on {Spread}. " +
        $"{options.ManyRounds} alternating rounds; medians. CPU per 1,000 signals adds up a side's own processes, store servers included; a product side's until its entity workflows show " +
        "every signal too (the relay's deferred raise and the workflow's episode).");

    public ScenarioRecorder AnsweredRecorder() => Recorder(ScenarioNames.Answered, $"{options.Entities} accounts × {options.SignalsPerEntity} signals, each answer awaited",
        $"As the default run's answered rounds ({options.Entities} accounts, {options.Senders} senders each waiting for its answer, deposits and withdrawals " +
        $"in turn, checked: every account ends as its answers say), on {Spread}. {options.ManyRounds} alternating rounds; median rate, latency over all rounds. " +
        "A product side's CPU is measured until its accounts' workflows show every signal too.");

    public async Task<(IReadOnlyList<ScaleOutRow> Rows, ScaleOutCost Cost)> ManyEntitiesAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var rounds = ScaleOutSide.All.ToDictionary(side => side, _ => new List<SideRound>());
        for (var round = 1; round <= options.ManyRounds; round++)
        {
            foreach (var (side, client, workflows) in ProductSides())
            {
                rounds[side].Add(await many.ProductAsync(recorder, side, client, workflows, round, cancellationToken));
            }

            rounds[ScaleOutSide.Baseline].Add(await many.BaselineAsync(recorder, round, cancellationToken));
        }

        var (n, one, bare) = (Record(recorder, ScaleOutSide.Replicas, rounds), Record(recorder, ScaleOutSide.Single, rounds), Record(recorder, ScaleOutSide.Baseline, rounds));
        var label = $"{options.Entities} entities × {options.SignalsPerEntity}";
        return (
        [
            ScaleOutRow.Create(recorder.Id, $"{label}, {options.Senders} senders: applied", "/s", n.Rate, one.Rate, bare.Rate),
            ScaleOutRow.Create(recorder.Id, $"{label}: CPU per 1,000 signals, all processes of a side", "s", n.CpuPerThousand, one.CpuPerThousand, bare.CpuPerThousand),
            Switches(recorder.Id, label, rounds),
        ],
        ScaleOutCost.Of(recorder.Id, Replicas, n.Rate, one.Rate, n.CpuPerThousand, one.CpuPerThousand,
            Rates(rounds[ScaleOutSide.Replicas]), Rates(rounds[ScaleOutSide.Single])));
    }

    public async Task<(IReadOnlyList<ScaleOutRow> Rows, ScaleOutCost Cost)> AnsweredAsync(ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        var rounds = ScaleOutSide.All.ToDictionary(side => side, _ => new List<AnsweredRound>());
        var reference = new[] { ScaleOutSide.Replicas, ScaleOutSide.Single }.ToDictionary(side => side, _ => new List<SideRound>());
        for (var round = 1; round <= options.ManyRounds; round++)
        {
            foreach (var (side, client, workflows) in ProductSides())
            {
                rounds[side].Add(await answered.ProductAsync(recorder, side, client, workflows, round, cancellationToken));
            }

            rounds[ScaleOutSide.Baseline].Add(await answered.BaselineAsync(recorder, round, cancellationToken));
            reference[ScaleOutSide.Replicas].Add(await ReferenceRoundAsync(spreadOut: true, round, cancellationToken));
            reference[ScaleOutSide.Single].Add(await ReferenceRoundAsync(spreadOut: false, round, cancellationToken));
        }

        var (n, one, bare) = (Record(recorder, ScaleOutSide.Replicas, rounds), Record(recorder, ScaleOutSide.Single, rounds), Record(recorder, ScaleOutSide.Baseline, rounds));
        var (nReference, oneReference) = (RecordReference(recorder, ScaleOutSide.Replicas, reference), RecordReference(recorder, ScaleOutSide.Single, reference));
        ReferenceCost = ScaleOutCost.Of($"{recorder.Id}, reference service", Replicas, nReference.Rate, oneReference.Rate, nReference.CpuPerThousand,
            oneReference.CpuPerThousand, Rates(reference[ScaleOutSide.Replicas]), Rates(reference[ScaleOutSide.Single]));
        var label = $"{options.Entities} accounts × {options.SignalsPerEntity}, {options.Senders} senders, each answer awaited";
        var referenceLabel = $"reference service ({Replicas} processes · 1; one INSERT per request), the same rounds";
        return (
        [
            ScaleOutRow.Create(recorder.Id, $"{label}: signals/s", "/s", n.Rate, one.Rate, bare.Rate),
            ScaleOutRow.Create(recorder.Id, $"{label}: answer p50", "ms", n.Answers.P50, one.Answers.P50, bare.Answers.P50),
            ScaleOutRow.Create(recorder.Id, $"{label}: answer p99", "ms", n.Answers.P99, one.Answers.P99, bare.Answers.P99),
            ScaleOutRow.Create(recorder.Id, $"{label}: CPU per 1,000 signals, all processes of a side", "s", n.CpuPerThousand, one.CpuPerThousand, bare.CpuPerThousand),
            Switches(recorder.Id, label, rounds.ToDictionary(pair => pair.Key, pair => pair.Value.Select(r => r.Timing).ToList())),
            ScaleOutRow.Create(recorder.Id, $"{referenceLabel}: requests/s", "/s", nReference.Rate, oneReference.Rate, null),
            ScaleOutRow.Create(recorder.Id, $"{referenceLabel}: CPU per 1,000 requests", "s", nReference.CpuPerThousand, oneReference.CpuPerThousand, null),
            ScaleOutRow.Create(recorder.Id, $"{referenceLabel}: context switches per request", string.Empty,
                SideRound.MedianSwitchesPerSignal(reference[ScaleOutSide.Replicas]), SideRound.MedianSwitchesPerSignal(reference[ScaleOutSide.Single]), null),
        ],
        ScaleOutCost.Of(recorder.Id, Replicas, n.Rate, one.Rate, n.CpuPerThousand, one.CpuPerThousand,
            Rates(rounds[ScaleOutSide.Replicas].Select(r => r.Timing)), Rates(rounds[ScaleOutSide.Single].Select(r => r.Timing))));
    }

    private Task<SideRound> ReferenceRoundAsync(bool spreadOut, int round, CancellationToken cancellationToken) =>
        runtime.Reference.RoundAsync(spreadOut, round, options.Entities, options.SignalsPerEntity, options.Senders, cancellationToken);

    private static (double Rate, double? CpuPerThousand) RecordReference(ScenarioRecorder recorder, string side, Dictionary<string, List<SideRound>> rounds)
    {
        var sideRounds = rounds[side];
        var rate = SideRound.Median(sideRounds.Select(round => round.AppliedPerSecond));
        var cpu = SideRound.Median(sideRounds.Select(round => round.CpuPerThousand ?? double.NaN));
        recorder.Figure(side, "reference.requestsPerSecond", rate);
        recorder.Figure(side, "reference.cpuSecondsPer1000", cpu);
        recorder.Figure(side, "reference.contextSwitchesPerRequest", SideRound.MedianSwitchesPerSignal(sideRounds) ?? double.NaN);
        return (rate, double.IsFinite(cpu) ? cpu : null);
    }

    private static List<double> Rates(IEnumerable<SideRound> rounds) => [.. rounds.Select(round => round.AppliedPerSecond)];

    /// <summary>
    /// Context switches per signal of all of a side's processes (medians of the rounds): what a request costs in wake-ups
    /// when the same load is spread over more processes, each seeing less of it at a time.
    /// </summary>
    private static ScaleOutRow Switches(string scenario, string label, Dictionary<string, List<SideRound>> rounds) =>
        ScaleOutRow.Create(scenario, $"{label}: context switches per signal, all processes of a side", string.Empty,
            SideRound.MedianSwitchesPerSignal(rounds[ScaleOutSide.Replicas]), SideRound.MedianSwitchesPerSignal(rounds[ScaleOutSide.Single]),
            SideRound.MedianSwitchesPerSignal(rounds[ScaleOutSide.Baseline]));

    private (string Side, Product.ProductClient Client, Product.ProductWorkflows Workflows)[] ProductSides() =>
        [(ScaleOutSide.Replicas, runtime.ReplicasClient, runtime.ReplicasWorkflows), (ScaleOutSide.Single, runtime.SingleClient, runtime.SingleWorkflows)];

    private static ScenarioRecorder Recorder(string id, string title, string method) => new(id, title, method, ScaleOutSide.All);

    private (double Rate, double? CpuPerThousand) Record(ScenarioRecorder recorder, string side, Dictionary<string, List<SideRound>> rounds)
    {
        var result = SideRound.Record(recorder, side, rounds[side]);
        if (options.ManyRounds > 1)
        {
            context.Log.Line($"  {side,-8} median of {options.ManyRounds} rounds: {result.Rate:0} /s");
        }

        return result;
    }

    private (double Rate, double? CpuPerThousand, LatencySummary Answers) Record(ScenarioRecorder recorder, string side, Dictionary<string, List<AnsweredRound>> rounds)
    {
        var (rate, cpu) = SideRound.Record(recorder, side, rounds[side].Select(r => r.Timing).ToList());
        var answers = LatencySummary.Of(rounds[side].SelectMany(r => r.AnswerMs).ToList());
        recorder.Figure(side, "answerP50Ms", answers.P50);
        recorder.Figure(side, "answerP90Ms", answers.P90);
        recorder.Figure(side, "answerP99Ms", answers.P99);
        recorder.Figure(side, "refusedAnswers", rounds[side].Sum(r => r.Rejected));
        context.Log.Line($"  {side,-8} {(options.ManyRounds > 1 ? $"median of {options.ManyRounds} rounds: " : string.Empty)}{rate:0} /s; answer over all rounds {answers}");
        return (rate, cpu, answers);
    }
}
