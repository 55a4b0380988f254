using System.Globalization;
using EntityActors.EndToEnd.Tests.Operations;
using EntityActors.LocalRuntime;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.Versioning;

/// <summary>
/// A deployment of the workflow patches, as production would see it: the app built before them
/// (<c>tests/EntityActors.App.Baseline</c>) starts an account and a large checkout that waits for approval; then that app
/// is stopped and the real build started in its place on the same sidecar, placement, scheduler and state. The tests
/// continue both and start new ones.
/// </summary>
public sealed class DeploymentFixture : IAsyncLifetime
{
    /// <summary>Short, so a test sees a quiet entity's generation end by age a few times.</summary>
    public static readonly TimeSpan GenerationMaxAge = TimeSpan.FromSeconds(3);

    /// <summary>Signals per generation: small, so the old generation's end by count is quick to reach.</summary>
    public const int ContinueAsNewAfterSignals = 5;

    public const decimal Opening = 2_000m;

    private OperationsEnvironment? operations;

    public LocalDaprEnvironment Environment =>
        (operations ?? throw new InvalidOperationException("The environment did not start.")).Environment;

    /// <summary>An account opened and funded on the old build (its generation 0 began there).</summary>
    public string OldAccountId { get; } = DaprAppFixture.UniqueId("old-account");

    /// <summary>A checkout begun on the old build, waiting for approval when the new build took over.</summary>
    public Shop OldShop { get; private set; } = null!;

    public string OldCheckoutId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var baseline = AppBuilds.Baseline();
        operations = await OperationsEnvironment.StartAsync((binaries, log) => new()
        {
            DaprBinDirectory = binaries,
            Log = log,
            AppAssemblyPath = baseline,
            AppEnvironment =
            {
                ["EntityActors__Workflow__ContinueAsNewAfterSignals"] = ContinueAsNewAfterSignals.ToString(CultureInfo.InvariantCulture),
                ["EntityActors__Workflow__GenerationMaxAge"] = GenerationMaxAge.ToString("c", CultureInfo.InvariantCulture),
                ["EntityActors__Checkout__ApprovalThreshold"] = "1000",
                // Long enough that the waiting checkouts are approved by the tests, never by a timeout.
                ["EntityActors__Checkout__ApprovalTimeout"] = "00:10:00",
                ["EntityActors__Checkout__EscalationTimeout"] = "00:10:00",
            },
        });

        var api = Api();
        await api.ApplyAsync("accounts", OldAccountId, "open", new { owner = "Old", currency = "EUR" });
        await api.ApplyAsync("accounts", OldAccountId, "deposit", new { amount = EntityApiClient.Eur(100m) });
        OldShop = await Shop.OpenAsync(api, "old");
        OldCheckoutId = await OldShop.CheckOutAsync(api);
        await Shop.WaitForStepAsync(api, OldCheckoutId, "awaiting-approval", TimeSpan.FromSeconds(60));

        await Environment.ReplaceAppAsync(AppBuilds.Current());
    }

    public EntityApiClient Api() => new(Environment.CreateAppClient());

    public async Task DisposeAsync()
    {
        if (operations is not null)
        {
            await operations.DisposeAsync();
        }
    }

    public void DumpLogs(ITestOutputHelper output) => operations?.DumpLogs(output);
}
