using System.Globalization;
using EntityActors.LocalRuntime;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests;

/// <summary>
/// One real Dapr environment (placement, scheduler, the app, daprd on free loopback ports) shared by every test in
/// the <c>dapr</c> collection. Process output goes to a bounded buffer that a failing test dumps with
/// <see cref="DumpLogs"/>: xunit 2 has no output helper outside a test.
/// </summary>
public sealed class DaprAppFixture : IAsyncLifetime
{
    /// <summary>
    /// The app's <c>EntityActors:Workflow:ContinueAsNewAfterSignals</c> in these tests: low, so that a test sending a
    /// few hundred signals crosses many continue-as-new boundaries.
    /// </summary>
    public const int ContinueAsNewAfterSignals = 50;

    /// <summary>How long a large checkout waits for approval, and again after the reminder.</summary>
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromSeconds(8);

    /// <summary>How long an open cart may stay idle before it expires.</summary>
    public static readonly TimeSpan CartExpiry = TimeSpan.FromSeconds(20);

    /// <summary>Due time and period of the actors' redelivery reminder in these tests.</summary>
    public static readonly TimeSpan RedeliveryInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a payment capture may go without a heartbeat before the checkout's watchdog calls it stalled.</summary>
    public static readonly TimeSpan PaymentHeartbeatTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Lines per child workflow of a bulk operation in these tests.</summary>
    public const int OperationChunkLines = 50;

    private const int MaxIdPrefixLength = 31;

    private readonly ProcessLog log = new();
    private LocalDaprEnvironment? environment;

    /// <summary>The running environment.</summary>
    public LocalDaprEnvironment Environment =>
        environment ?? throw new InvalidOperationException("The Dapr environment did not start.");

    /// <summary>
    /// An entity id no other test (or earlier run) uses: <paramref name="prefix"/>, a dash and 32 hex digits, so
    /// at most 64 characters of letters, digits and '-'.
    /// </summary>
    public static string UniqueId(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (prefix.Length > MaxIdPrefixLength || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException(
                $"Use at most {MaxIdPrefixLength} ASCII letters, digits or '-' as prefix, not '{prefix}'.", nameof(prefix));
        }

        return $"{prefix}-{Guid.NewGuid():N}";
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // Never skipped: without the runtime these tests fail with the reason, on a developer's machine and in CI alike.
        DaprBinaries binaries;
        try
        {
            binaries = await DaprBinaries.ResolveAsync();
        }
        catch (InvalidOperationException exception)
        {
            var who = string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
                ? "CI must provide the Dapr runtime for the end-to-end tests. "
                : "The end-to-end tests need the Dapr runtime. ";
            throw new InvalidOperationException(who + exception.Message, exception);
        }

        var starting = new LocalDaprEnvironment(new LocalDaprEnvironmentOptions
        {
            DaprBinDirectory = binaries.Directory,
            AppEnvironment =
            {
                ["EntityActors__Workflow__ContinueAsNewAfterSignals"] =
                    ContinueAsNewAfterSignals.ToString(CultureInfo.InvariantCulture),
                // Short enough for the saga tests to see an approval time out and an idle cart expire.
                ["EntityActors__Checkout__ApprovalThreshold"] = "1000",
                ["EntityActors__Checkout__ApprovalTimeout"] = ApprovalTimeout.ToString("c", CultureInfo.InvariantCulture),
                ["EntityActors__Checkout__EscalationTimeout"] = ApprovalTimeout.ToString("c", CultureInfo.InvariantCulture),
                ["EntityActors__Carts__ExpireAfter"] = CartExpiry.ToString("c", CultureInfo.InvariantCulture),
                // Accounts whose id starts with "flaky-" fail their first two place-hold attempts.
                ["EntityActors__FaultInjection__TransientSignalFailures__place-hold@flaky-"] = "2",
                // Accounts whose id starts with "stuck-" never take a release-hold: the compensation's retries (three,
                // quick, here) run out.
                ["EntityActors__FaultInjection__TransientSignalFailures__release-hold@stuck-"] = "1000",
                ["EntityActors__Checkout__CompensationRetry__MaxAttempts"] = "3",
                ["EntityActors__Checkout__CompensationRetry__FirstRetry"] = "00:00:00.100",
                // Entities whose id starts with "stranded-" fail their first two raises: their lane gives up after
                // two attempts, and the redelivery reminder (every 2 s here) has to deliver the signal.
                ["EntityActors__FaultInjection__RaiseFailures__stranded-"] = "2",
                // A bulk line to an item whose id starts with "erase-race-" waits between its guard and its send.
                ["EntityActors__FaultInjection__SignalDelays__restock@erase-race-"] = "00:00:02",
                // The saga of a "slowstart-" cart starts 3 s after its check-out.
                ["EntityActors__FaultInjection__CheckoutStartDelays__slowstart-"] = "00:00:03",
                ["EntityActors__Relay__MaxAttempts"] = "2",
                // Under the redelivery interval, so a lane raises (and fails) before the reminder comes.
                ["EntityActors__Relay__RaiseLinger"] = "00:00:00.500",
                ["EntityActors__Intake__RedeliveryInterval"] = RedeliveryInterval.ToString("c", CultureInfo.InvariantCulture),
                // The checkout's watchdog over the payment capture, and a gateway stub that is slow or hangs for some carts.
                ["EntityActors__Checkout__PaymentCapture__HeartbeatTimeout"] = PaymentHeartbeatTimeout.ToString("c", CultureInfo.InvariantCulture),
                ["EntityActors__Checkout__PaymentCapture__MaxAttempts"] = "2",
                ["EntityActors__Payments__Gateway__InjectDelays__slowpay-"] = "00:00:01",
                ["EntityActors__Payments__Gateway__InjectHangs__hangpay-"] = "2",
                ["EntityActors__Payments__Gateway__InjectHangs__stallpay-"] = "0",
                // Small chunks and generations, so a few hundred lines make several children and continue-as-new.
                ["EntityActors__Operations__ChunkLines"] = OperationChunkLines.ToString(CultureInfo.InvariantCulture),
                ["EntityActors__Operations__LinesPerActivity"] = "25",
                ["EntityActors__Operations__MaxChildrenInFlight"] = "4",
                ["EntityActors__Operations__ChildrenPerGeneration"] = "6",
            },
            Log = log.Add,
        });
        try
        {
            await starting.StartAsync();
        }
        catch
        {
            await starting.DisposeAsync();
            throw;
        }

        environment = starting;
        log.Add($"[fixture] environment ready in {starting.StartupDuration.TotalSeconds:0.0} s");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (environment is not null)
        {
            await environment.DisposeAsync();
        }
    }

    /// <summary>The most recent lines every process printed, oldest first.</summary>
    public IReadOnlyList<string> LogLines => log.Snapshot();

    /// <summary>Writes the buffered output of every process (the most recent <c>4000</c> lines) to the test's output.</summary>
    public void DumpLogs(ITestOutputHelper output)
    {
        log.DumpTo(output);
    }

}
