namespace EntityActors.Bench.Reporting;

public enum BenchTargetKind
{
    AtMost,
    AtLeast,
    LessThan,
    AtLeastTimesBaseline,
}
