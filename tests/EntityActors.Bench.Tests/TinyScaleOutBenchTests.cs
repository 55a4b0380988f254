using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.Bench;
using EntityActors.Bench.ScaleOut;
using Xunit.Abstractions;

namespace EntityActors.Bench.Tests;

/// <summary>
/// Runs the multi-replica bench in its tiny mode on the real runtime: three replicas on PostgreSQL beside one replica
/// and bare Dapr, each with its own PostgreSQL and Redis started by the local runtime. Asserts what it measured and that
/// the exactly-once checks held, never how fast. Without PostgreSQL, Redis or the Dapr binaries it fails (.ci/run
/// installs them); it is never skipped.
/// </summary>
public sealed class TinyScaleOutBenchTests(ITestOutputHelper output) : IDisposable
{
    private readonly string reportPath = Path.Combine(Path.GetTempPath(), $"entityactors-bench-replicas-{Guid.NewGuid():N}.json");
    private readonly string tablePath = Path.Combine(Path.GetTempPath(), $"entityactors-bench-replicas-{Guid.NewGuid():N}.md");

    [Fact]
    public async Task Tiny_run_on_three_replicas_measures_both_scenarios_on_every_side_and_applies_every_signal_exactly_once()
    {
        using var console = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));

        var exitCode = await BenchCommand.RunAsync(
            ["--tiny", "--replicas", "3", "--store", "postgres", "--out", reportPath, "--markdown", tablePath], console, timeout.Token);

        output.WriteLine(console.ToString());
        exitCode.Should().Be(0, "both scenarios should finish and every exactly-once check pass");
        console.ToString().Should().Contain("Restate is not part of the multi-replica run");
        var report = JsonNode.Parse(await File.ReadAllTextAsync(reportPath))!.AsObject();
        report["mode"]!.GetValue<string>().Should().Be("tiny");
        report["replicas"]!.GetValue<int>().Should().Be(3);
        report["store"]!.GetValue<string>().Should().Be("postgres");
        report["restate"]!.GetValue<string>().Should().StartWith("not part of");
        var scenarios = report["scenarios"]!.AsArray().Select(node => node!.AsObject()).ToList();
        scenarios.Select(s => s["id"]!.GetValue<string>()).Should().Equal(ScaleOutOptions.Scenarios);

        var signals = BenchOptions.TinyDefaults.Entities * BenchOptions.TinyDefaults.SignalsPerEntity * BenchOptions.TinyDefaults.ManyRounds;
        foreach (var scenario in scenarios)
        {
            var id = scenario["id"]!.GetValue<string>();
            scenario["error"].Should().BeNull($"scenario {id} should finish");
            foreach (var side in ScaleOutSide.All)
            {
                var measured = scenario["sides"]![side]!.AsObject();
                measured["count"]!.GetValue<long>().Should().Be(signals, $"{id}: the {side} should be measured on every signal of its rounds");
                var figures = measured["figures"]!.AsObject();
                figures["appliedPerSecond"]!.GetValue<double>().Should().BePositive($"{id}: the {side} should have a rate");
                figures["cpuSecondsPer1000"]!.GetValue<double>().Should().BePositive($"{id}: the {side}'s processes should have used CPU");
            }

            foreach (var side in new[] { ScaleOutSide.Replicas, ScaleOutSide.Single })
            {
                WorkflowCatchUp.ShouldFollowApplied(scenario["sides"]![side]!["figures"]!.AsObject(), $"{id}: the {side} side");
            }

            scenario["sides"]![ScaleOutSide.Baseline]!["figures"]!.AsObject().Should().NotContainKey("workflowCaughtUpMs", $"{id}: bare Dapr's work is done once applied");
            var replicaFigures = scenario["sides"]![ScaleOutSide.Replicas]!["figures"]!.AsObject();
            foreach (var process in new[] { "app1Seconds", "app2Seconds", "app3Seconds", "daprd3Seconds", "postgresSeconds", "redisSeconds" })
            {
                replicaFigures.Should().ContainKey($"cpu.{process}", $"{id}: every replica and the store's servers count in the replicas' CPU");
                replicaFigures.Should().ContainKey($"cpu.switches.{process.Replace("Seconds", string.Empty, StringComparison.Ordinal)}", $"{id}: and in its context switches");
            }

            replicaFigures["contextSwitchesPerSignal"]!.GetValue<double>().Should().BePositive($"{id}: every request wakes some process up");

            var rows = scenario["rows"]!.AsArray().Select(node => node!.AsObject()).ToList();
            rows.Should().HaveCount(id == ScenarioNames.Answered ? 8 : 3,
                $"{id} prints its rate, CPU, context switches (and for answered the answer percentiles and the reference service's rate, CPU and switches)");
            foreach (var row in rows)
            {
                var metric = row["metric"]!.GetValue<string>();
                var reference = metric.StartsWith("reference service (3 processes · 1", StringComparison.Ordinal);
                foreach (var column in reference ? ["replicas", "single"] : new[] { "replicas", "single", "baseline" })
                {
                    // A tiny round of the one reference process and its server can fit in a clock tick (10 ms), the unit
                    // /proc counts CPU in: its CPU may read zero, never less.
                    if (reference && metric.Contains("CPU", StringComparison.Ordinal))
                    {
                        row[column]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(0, $"{id}: '{metric}' should have a {column} figure");
                        continue;
                    }

                    row[column]!.GetValue<double>().Should().BePositive($"{id}: '{metric}' should have a positive {column} figure");
                }

                if (reference)
                {
                    row["baseline"].Should().BeNull($"'{metric}' has no bare Dapr side");
                }

                // The figures are rounded (2 decimals, 1 from 100 up), the ratio is of the unrounded ones: the bounds carry that.
                var (replicas, single) = (row["replicas"]!.GetValue<double>(), row["single"]!.GetValue<double>());
                if (replicas == 0 || single == 0)
                {
                    continue;
                }

                var (lowest, highest) = ((replicas - HalfUnit(replicas)) / (single + HalfUnit(single)), (replicas + HalfUnit(replicas)) / (single - HalfUnit(single)));
                row["vsSingle"]!.GetValue<double>().Should().BeInRange(Math.Round(lowest, 2) - 0.01, Math.Round(highest, 2) + 0.01, $"'{metric}' carries 3 replicas ÷ 1");
            }

            var checks = scenario["checks"]!.AsArray().Select(node => node!.AsObject()).ToList();
            checks.Select(c => c["side"]!.GetValue<string>()).Should().Contain(ScaleOutSide.All, $"scenario {id} should check every side it measures");
            checks.Should().OnlyContain(c => c["passed"]!.GetValue<bool>(), $"scenario {id}: {JsonSerializer.Serialize(checks)}");
        }

        var costs = report["costs"]!.AsArray().Select(node => node!.AsObject()).ToList();
        costs.Select(c => c["scenario"]!.GetValue<string>()).Should().Equal(
            [.. ScaleOutOptions.Scenarios, $"{ScenarioNames.Answered}, reference service"],
            "the cost of 3 replicas against 1 is printed for each scenario, and of the reference service's 3 processes against 1 after answered");
        foreach (var cost in costs)
        {
            cost["replicas"]!.GetValue<int>().Should().Be(3);
            cost["lostPercent"]!.GetValue<double>().Should().BeLessThan(100, "3 replicas applied signals, so they lost less than all of one replica's rate");
            cost.Should().ContainKey("extraCpuPercent");
            cost["target"]!["text"]!.GetValue<string>().Should().Be("< 20 % lost");
            cost["met"].Should().NotBeNull("both rates were measured, so the goal is either met or not");
        }

        var rowCount = scenarios.Sum(s => s["rows"]!.AsArray().Count);
        var table = await File.ReadAllLinesAsync(tablePath);
        table.Where(line => line.StartsWith('|')).Should().HaveCount(rowCount + 2, "the Markdown table has a header, a rule and one line per row");
        table.Where(line => line.StartsWith("- 3 replicas against 1, ", StringComparison.Ordinal)).Should().HaveCount(costs.Count, "each cost is listed below the table");
        table[0].Should().Contain("3 replicas").And.Contain("1 replica").And.Contain("bare Dapr").And.NotContain("Restate");
    }

    private static double HalfUnit(double rounded) => rounded >= 100 ? 0.05 : 0.005;

    public void Dispose()
    {
        File.Delete(reportPath);
        File.Delete(tablePath);
    }
}
