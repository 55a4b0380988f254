using EntityActors.Bench.Reporting;

namespace EntityActors.Bench.Scenarios;

/// <summary>One measured situation, run on the product and on the baseline in the same way.</summary>
public interface IBenchScenario
{
    string Id { get; }

    string Title { get; }

    /// <summary>How it is measured, in a sentence or two; printed in the JSON beside the figures.</summary>
    string Method { get; }

    Task RunAsync(ScenarioRecorder recorder, CancellationToken cancellationToken);
}
