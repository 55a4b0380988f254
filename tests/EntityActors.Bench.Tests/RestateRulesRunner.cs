using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntityActors.Bench.Restate;

namespace EntityActors.Bench.Tests;

/// <summary>
/// Feeds signals to one of the Restate side's rule modules (<c>bench/restate/rules/*.mjs</c>) in node, the way its
/// virtual object does (shape check, then decide, then apply), and returns each outcome and the final state's view.
/// </summary>
public static class RestateRulesRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private const string Harness = """
        import { readFileSync } from "node:fs";
        const rules = await import(process.argv[2]);
        const steps = JSON.parse(readFileSync(0, "utf8"));
        let state = rules.initial();
        const outcomes = [];
        for (const { type, payload } of steps) {
          const invalid = rules.signals[type](payload);
          if (invalid) { outcomes.push({ code: invalid.code, kind: invalid.kind }); continue; }
          const decision = rules.decide(state, type, payload);
          if (decision.event) { state = rules.apply(state, decision.event); outcomes.push({ code: "accepted", kind: null }); }
          else outcomes.push({ code: decision.rejection.code, kind: decision.rejection.kind });
        }
        console.log(JSON.stringify({ outcomes, view: rules.view(state) }));
        """;

    /// <summary>Runs <paramref name="steps"/> (handler name and JSON body each) through <c>rules/{module}.mjs</c>.</summary>
    public static async Task<(IReadOnlyList<(string Code, string? Kind)> Outcomes, JsonObject View)> RunAsync(
        string module, IEnumerable<(string Type, object Payload)> steps)
    {
        // The same resolution as the bench: node and the installed service folder, or a failure saying how to install.
        var installation = RestateInstallation.Resolve();
        var rules = new Uri(Path.Combine(installation.ServiceDirectory, "rules", module + ".mjs")).AbsoluteUri;
        var script = Path.Combine(Path.GetTempPath(), $"entityactors-rules-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(script, Harness);
        try
        {
            var start = new ProcessStartInfo(installation.Node) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(rules);
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            await node.StandardInput.WriteAsync(JsonSerializer.Serialize(steps.Select(s => new { type = s.Type, payload = s.Payload })));
            node.StandardInput.Close();
            using var timeout = new CancellationTokenSource(Timeout);
            var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = node.StandardError.ReadToEndAsync(timeout.Token);
            await node.WaitForExitAsync(timeout.Token);
            if (node.ExitCode != 0)
            {
                throw new InvalidOperationException($"node exited with {node.ExitCode}: {await errors}");
            }

            var result = JsonNode.Parse(await output)!.AsObject();
            var outcomes = result["outcomes"]!.AsArray()
                .Select(o => (o!["code"]!.GetValue<string>(), o["kind"]?.GetValue<string>()))
                .ToList();
            return (outcomes, result["view"]!.AsObject());
        }
        finally
        {
            File.Delete(script);
        }
    }
}
