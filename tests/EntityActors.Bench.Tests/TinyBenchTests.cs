using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.Bench;
using Xunit.Abstractions;

namespace EntityActors.Bench.Tests;

/// <summary>
/// Runs the whole bench in its tiny mode on the real runtime, so it cannot rot. Asserts what it measured and that the
/// exactly-once checks held, never how fast: timings depend on the machine. Needs the Dapr binaries (resolved as the
/// end-to-end fixture does); without them it fails, it is never skipped.
/// </summary>
public sealed class TinyBenchTests(ITestOutputHelper output) : IDisposable
{
    private readonly string reportPath = Path.Combine(Path.GetTempPath(), $"entityactors-bench-{Guid.NewGuid():N}.json");
    private readonly string tablePath = Path.Combine(Path.GetTempPath(), $"entityactors-bench-{Guid.NewGuid():N}.md");

    [Fact]
    public async Task Tiny_run_measures_every_scenario_on_both_sides_and_every_signal_is_applied_exactly_once()
    {
        using var console = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

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
            scenario["error"].Should().BeNull($"scenario {id} should finish");
            scenario["product"]!["count"]!.GetValue<long>().Should().BePositive($"scenario {id} should measure the product");
            scenario["baseline"]!["count"]!.GetValue<long>().Should().BePositive($"scenario {id} should measure the baseline");
            scenario["rows"]!.AsArray().Should().NotBeEmpty($"scenario {id} should print at least one figure");
            var checks = scenario["checks"]!.AsArray().Select(node => node!.AsObject()).ToList();
            checks.Select(c => c["side"]!.GetValue<string>()).Should().Contain(["product", "baseline"], $"scenario {id} should check both sides");
            checks.Should().OnlyContain(c => c["passed"]!.GetValue<bool>(), $"scenario {id}: {JsonSerializer.Serialize(checks)}");
        }

        var many = scenarios.Single(s => s["id"]!.GetValue<string>() == ScenarioNames.ManyEntities);
        many["product"]!["figures"]!["underLoad.signals"]!.GetValue<double>().Should().Be(BenchOptions.TinyDefaults.Entities * BenchOptions.TinyDefaults.SignalsPerEntity,
            "every signal of the round under load should be seen acknowledged and then applied");

        var rows = scenarios.Sum(s => s["rows"]!.AsArray().Count);
        (await File.ReadAllLinesAsync(tablePath)).Should().HaveCount(rows + 2, "the Markdown table has a header, a rule and one line per row");
    }

    public void Dispose()
    {
        File.Delete(reportPath);
        File.Delete(tablePath);
    }
}
