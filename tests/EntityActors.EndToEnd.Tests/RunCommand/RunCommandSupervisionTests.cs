using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace EntityActors.EndToEnd.Tests.RunCommand;

/// <summary>The run command starts again a process that exits, as a kubelet does, and the rest of the run goes on.</summary>
[Collection(RunCommandCollection.Name)]
public sealed partial class RunCommandSupervisionTests(ITestOutputHelper testOutput) : IDisposable
{
    private static readonly TimeSpan BackBound = TimeSpan.FromSeconds(90);

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("entityactors-run-").FullName;

    [Fact]
    public async Task An_app_killed_with_SIGKILL_is_started_again_and_answers_while_the_runner_and_its_sidecar_keep_running()
    {
        await using var run = RunCommandProcess.Start(dataDirectory, testOutput);
        try
        {
            await run.WaitForLineAsync(RunCommandProcess.ReadyLine);
            var app = run.ChildPid("app")!.Value;
            var daprd = run.ChildPid("daprd")!.Value;

            Kill(app);

            (await run.WaitForLineContainingAsync("app exited with 137")).Should().Contain("starting it again in 1 s");
            await run.WaitForLineContainingAsync("app started again (pid ");
            await WaitUntilReadyAsync(run.AppBaseAddress);
            run.ChildPid("app").Should().NotBe(app);
            run.ChildPid("daprd").Should().Be(daprd, "the sidecar was not touched");
            run.HasExited.Should().BeFalse();

            run.SignalGroup("TERM");
            (await run.ExitCodeAsync()).Should().Be(0);
        }
        catch
        {
            run.DumpConsole();
            throw;
        }
    }

    [Fact]
    public async Task With_two_replicas_a_killed_app_comes_back_while_the_other_replica_answers_throughout()
    {
        await using var run = RunCommandProcess.Start(dataDirectory, testOutput, appPort: null, "--replicas", "2", "--store", "postgres");
        try
        {
            await run.WaitForLineAsync(RunCommandProcess.ReadyLine);
            var second = new Uri(SecondReplicaApp().Match(string.Join(Environment.NewLine, run.Console)).Groups["address"].Value);
            string[] untouched = ["app-1", "daprd-1", "daprd-2", "placement", "scheduler", "postgres", "redis"];
            var before = untouched.ToDictionary(name => name, run.ChildPid);
            var killedApp = run.ChildPid("app-2")!.Value;

            Kill(killedApp);
            await run.WaitForLineContainingAsync("app-2 exited with 137");
            var firstAnswered = await PollUntilReadyAsync(second, alongside: run.AppBaseAddress);

            firstAnswered.Should().BeTrue("replica 1 answered /healthz at every probe while replica 2's app was away");
            run.ChildPid("app-2").Should().NotBe(killedApp);
            untouched.ToDictionary(name => name, run.ChildPid).Should().Equal(before);
        }
        catch
        {
            run.DumpConsole();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [GeneratedRegex(@"replica 2: app\s+(?<address>http://\S+)")]
    private static partial Regex SecondReplicaApp();

    private static void Kill(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static async Task WaitUntilReadyAsync(Uri app) => await PollUntilReadyAsync(app, alongside: null);

    /// <summary>Polls <paramref name="app"/>'s /readyz until 200; meanwhile <paramref name="alongside"/>'s /healthz, which must answer every time.</summary>
    private static async Task<bool> PollUntilReadyAsync(Uri app, Uri? alongside)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var alongsideAnswered = true;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (alongside is not null)
            {
                alongsideAnswered &= await StatusAsync(client, new Uri(alongside, "healthz")) == HttpStatusCode.OK;
            }

            if (await StatusAsync(client, new Uri(app, "readyz")) == HttpStatusCode.OK)
            {
                return alongsideAnswered;
            }

            clock.Elapsed.Should().BeLessThan(BackBound, $"{app} should be ready again");
            await Task.Delay(250);
        }
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient client, Uri address)
    {
        try
        {
            using var response = await client.GetAsync(address);
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
