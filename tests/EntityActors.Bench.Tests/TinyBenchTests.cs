using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.Bench;
using Xunit.Abstractions;

namespace EntityActors.Bench.Tests;

/// <summary>
/// Runs the whole bench in its tiny mode on the real runtime and the real Restate, so it cannot rot. Asserts what it
/// measured and that the exactly-once checks held, never how fast: timings depend on the machine. Needs the Dapr
/// binaries (resolved as the end-to-end fixture does) and Restate's npm packages in bench/restate (installed by
/// .ci/run); without them it fails, it is never skipped.
/// </summary>
public sealed class TinyBenchTests(ITestOutputHelper output) : IDisposable
{
    private readonly string reportPath = Path.Combine(Path.GetTempPath(), $"entityactors-bench-{Guid.NewGuid():N}.json");
    private readonly string tablePath = Path.Combine(Path.GetTempPath(), $"entityactors-bench-{Guid.NewGuid():N}.md");

    [Fact]
    public async Task Tiny_run_measures_every_scenario_on_all_three_sides_and_every_signal_is_applied_exactly_once()
    {
        using var console = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));

        var exitCode = await BenchCommand.RunAsync(["--tiny", "--out", reportPath, "--markdown", tablePath], console, timeout.Token);

        output.WriteLine(console.ToString());
        exitCode.Should().Be(0, "every scenario should finish and every exactly-once check pass");
        var report = JsonNode.Parse(await File.ReadAllTextAsync(reportPath))!.AsObject();
        report["mode"]!.GetValue<string>().Should().Be("tiny");
        var scenarios = report["scenarios"]!.AsArray().Select(node => node!.AsObject()).ToList();
        scenarios.Select(s => s["id"]!.GetValue<string>()).Should().Equal(ScenarioNames.All);
        foreach (var scenario in scenarios)
        {
            var id = scenario["id"]!.GetValue<string>();
            var withRestate = id != ScenarioNames.ContinueAsNew;
            string[] sides = withRestate ? ["product", "baseline", "restate"] : ["product", "baseline"];
            scenario["error"].Should().BeNull($"scenario {id} should finish");
            foreach (var side in sides)
            {
                scenario[side]!["count"]!.GetValue<long>().Should().BePositive($"scenario {id} should measure the {side}");
            }

            var rows = scenario["rows"]!.AsArray().Select(node => node!.AsObject()).ToList();
            rows.Should().NotBeEmpty($"scenario {id} should print at least one figure");
            foreach (var row in rows.Where(r => r["unit"]!.GetValue<string>() != "MB"))
            {
                var metric = row["metric"]!.GetValue<string>();
                if (withRestate)
                {
                    // A rate or a time is positive; CPU seconds of a tiny phase may round to zero.
                    var restate = row["restate"]!.GetValue<double>();
                    if (metric.Contains("CPU", StringComparison.Ordinal))
                    {
                        restate.Should().BeGreaterThanOrEqualTo(0, $"{id}: '{metric}' should have a Restate figure");
                    }
                    else
                    {
                        restate.Should().BePositive($"{id}: '{metric}' should have a positive Restate figure");
                    }
                }
                else
                {
                    row["restate"].Should().BeNull($"{id}: '{metric}' has no fair Restate equivalent");
                }
            }

            var checks = scenario["checks"]!.AsArray().Select(node => node!.AsObject()).ToList();
            checks.Select(c => c["side"]!.GetValue<string>()).Should().Contain(sides, $"scenario {id} should check every side it measures");
            checks.Should().OnlyContain(c => c["passed"]!.GetValue<bool>(), $"scenario {id}: {JsonSerializer.Serialize(checks)}");
        }

        var signals = BenchOptions.TinyDefaults.Entities * BenchOptions.TinyDefaults.SignalsPerEntity;
        var many = Scenario(scenarios, ScenarioNames.ManyEntities);
        foreach (var side in new[] { "product", "restate" })
        {
            many[side]!["figures"]!["underLoad.signals"]!.GetValue<double>().Should().Be(signals,
                $"every signal of the {side}'s round under load should be seen acknowledged and then applied");
        }

        var answered = Scenario(scenarios, ScenarioNames.Answered);
        foreach (var scenario in new[] { many, answered })
        {
            foreach (var side in new[] { "product", "baseline", "restate" })
            {
                var figures = scenario[side]!["figures"]!.AsObject();
                figures["appliedPerSecond"]!.GetValue<double>().Should().BePositive($"{scenario["id"]}: the {side} should have a rate");
                figures.Should().ContainKey("cpuSecondsPer1000", $"{scenario["id"]}: the {side}'s CPU per 1,000 signals should be printed");
            }

            scenario["rows"]!.AsArray().Select(row => row!["metric"]!.GetValue<string>()).Should().Contain(
                metric => metric.Contains("CPU per 1,000 signals", StringComparison.Ordinal), $"{scenario["id"]} should print CPU per 1,000 signals");
            WorkflowCatchUp.ShouldFollowApplied(scenario["product"]!["figures"]!.AsObject(), $"{scenario["id"]}: the product");
            foreach (var side in new[] { "baseline", "restate" })
            {
                scenario[side]!["figures"]!.AsObject().Should().NotContainKey("workflowCaughtUpMs", $"{scenario["id"]}: the {side}'s work is done once applied");
            }
        }

        var idle = Scenario(scenarios, ScenarioNames.IdleEntities);
        var idleFigures = idle["product"]!["figures"]!.AsObject();
        idleFigures.Should().ContainKey("workflowsCaughtUpSeconds",
            "the product's idle entities are timed on until every workflow holds its signal (a timeout there fails the scenario)");
        idle["rows"]!.AsArray().Select(row => row!["metric"]!.GetValue<string>()).Should().Contain(
            metric => metric.Contains("CPU per entity", StringComparison.Ordinal), "idle-entities should print what an entity costs each side");

        foreach (var row in scenarios.SelectMany(s => s["rows"]!.AsArray()).Where(r => r!["restate"] is not null && r["product"] is not null && r["product"]!.GetValue<double>() > 0 && r["restate"]!.GetValue<double>() > 0))
        {
            // The row's figures are rounded (2 decimals, 1 from 100 up) and the ratio is of the unrounded ones: a small
            // figure's rounding moves the quotient of the printed ones by several percent, so the bounds carry it.
            var (product, restate) = (row!["product"]!.GetValue<double>(), row["restate"]!.GetValue<double>());
            var (lowest, highest) = ((product - HalfUnit(product)) / (restate + HalfUnit(restate)), (product + HalfUnit(product)) / (restate - HalfUnit(restate)));
            row["vsRestate"]!.GetValue<double>().Should().BeInRange(Math.Round(lowest, 2) - 0.01, Math.Round(highest, 2) + 0.01,
                $"'{row["metric"]}' should carry product ÷ Restate (a product figure near 0, e.g. applied at acknowledgement, rounds to 0)");
        }

        var rowCount = scenarios.Sum(s => s["rows"]!.AsArray().Count);
        var table = await File.ReadAllLinesAsync(tablePath);
        table.Should().HaveCount(rowCount + 2, "the Markdown table has a header, a rule and one line per row");
        table[0].Should().Contain("bare Dapr").And.Contain("Restate");
    }

    private static double HalfUnit(double rounded) => rounded >= 100 ? 0.05 : 0.005;

    private static JsonObject Scenario(IEnumerable<JsonObject> scenarios, string id) => scenarios.Single(s => s["id"]!.GetValue<string>() == id);

    public void Dispose()
    {
        File.Delete(reportPath);
        File.Delete(tablePath);
    }
}
