using System.Collections.Concurrent;
using System.Net.Http.Headers;
using EntityActors.LocalRuntime;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EntityActors.Browser.Tests;

/// <summary>
/// The app on the real runtime with the product API key on, and Debian's Chromium (headless, driven by Playwright,
/// which downloads no browser of its own). Without Chromium the tests fail with the reason, in CI and elsewhere: never
/// a skip. Screenshots go to <c>bin/…/screenshots/</c>.
/// </summary>
public sealed class ExplorerFixture : IAsyncLifetime
{
    /// <summary>Debian's package (<c>apt-get install chromium</c>); <c>CHROMIUM_PATH</c> names another.</summary>
    public static readonly string ChromiumPath = System.Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    // What a headless Chromium needs on a machine with no network but loopback, as root, with a profile of its own.
    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly ConcurrentQueue<string> log = new();
    private readonly string profile = Directory.CreateTempSubdirectory("entityactors-chromium-").FullName;
    private LocalDaprEnvironment? environment;
    private IPlaywright? playwright;
    private IBrowserContext? browser;

    public string ApiKey { get; } = "key-" + Guid.NewGuid().ToString("N");

    public LocalDaprEnvironment Environment => environment ?? throw new InvalidOperationException("The environment did not start.");

    public IBrowserContext Browser => browser ?? throw new InvalidOperationException("Chromium did not start.");

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath} (Debian: apt-get install chromium chromium-driver; .ci/run installs it).");
        }

        var binaries = await DaprBinaries.ResolveAsync();
        var starting = new LocalDaprEnvironment(new LocalDaprEnvironmentOptions
        {
            DaprBinDirectory = binaries.Directory,
            AppEnvironment = { ["EntityActors__Api__ApiKey"] = ApiKey },
            Log = log.Enqueue,
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
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BaseURL = starting.AppBaseAddress.ToString(),
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (environment is not null)
        {
            await environment.DisposeAsync();
        }

        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A leftover profile in /tmp is harmless.
        }
    }

    /// <summary>A client of the product API that sends the API key.</summary>
    public HttpClient CreateApiClient()
    {
        var client = Environment.CreateAppClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Writes the processes' latest output to a failing test's output.</summary>
    public void DumpLogs(ITestOutputHelper output)
    {
        foreach (var line in log.TakeLast(400))
        {
            output.WriteLine(line);
        }
    }
}
