namespace EntityActors.Bench.Reporting;

public enum BenchTargetKind
{
    AtMost,
    AtLeast,
    LessThan,
    AtLeastTimesBaseline,
    AtLeastTimesRestate,

    /// <summary>The product's figure no higher than Restate's (times, CPU).</summary>
    AtMostRestate,
}
