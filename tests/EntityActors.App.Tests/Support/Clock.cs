namespace EntityActors.App.Tests.Support;

internal static class Clock
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    public static readonly DateTimeOffset T2 = T0.AddMinutes(10);
}
