namespace EntityActors.Bench.Reporting;

/// <summary>Which system a figure or check is about.</summary>
public static class BenchSide
{
    public const string Product = "product";
    public const string Baseline = "baseline";
}
