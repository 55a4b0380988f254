namespace EntityActors.App.Payments;

/// <summary>
/// What a long capture reports as it goes: parts captured so far. Stored (the durable progress a restarted attempt
/// resumes from) and raised to the checkout (the liveness its watchdog waits for).
/// </summary>
/// <param name="Operation">The checkout whose payment this is.</param>
/// <param name="At">Wall-clock time of the report, for people; the workflow decides on its own clock.</param>
public sealed record PaymentHeartbeat(string Operation, int Attempt, int Progress, DateTimeOffset At);
