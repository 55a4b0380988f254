namespace EntityActors.Bench.Reporting;

/// <summary>Which system a figure or check is about.</summary>
public static class BenchSide
{
    public const string Product = "product";

    /// <summary>A bare Dapr workflow, raised directly (printed as "bare Dapr").</summary>
    public const string Baseline = "baseline";

    /// <summary>Restate virtual objects with the product's rules.</summary>
    public const string Restate = "restate";

    public static IReadOnlyList<string> All { get; } = [Product, Baseline, Restate];
}
