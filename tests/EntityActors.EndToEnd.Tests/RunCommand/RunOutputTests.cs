using EntityActors.LocalRuntime;

namespace EntityActors.EndToEnd.Tests.RunCommand;

public sealed class RunOutputTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("entityactors-run-output-").FullName;

    [Fact]
    public void Each_process_has_its_own_file_and_only_the_app_reaches_the_console()
    {
        var console = new StringWriter();
        using (var output = new RunOutput(directory, verbose: false, console))
        {
            output.Write("[daprd] time=1 level=info msg=\"hello\"");
            output.Write("[scheduler] {\"level\":\"info\"}");
            output.Write("[app] info: Microsoft.Hosting.Lifetime[0]");
            output.Write("a line without a name");
        }

        File.ReadAllText(Path.Combine(directory, "daprd.log")).Should().Be("time=1 level=info msg=\"hello\"" + Environment.NewLine);
        File.ReadAllText(Path.Combine(directory, "scheduler.log")).Should().Contain("\"level\":\"info\"");
        File.ReadAllText(Path.Combine(directory, "app.log")).Should().Contain("Microsoft.Hosting.Lifetime");
        File.ReadAllText(Path.Combine(directory, "environment.log")).Should().Contain("a line without a name");
        console.ToString().Should().Be("[app] info: Microsoft.Hosting.Lifetime[0]" + Environment.NewLine);
    }

    [Fact]
    public void Verbose_streams_every_line_to_the_console_as_well()
    {
        var console = new StringWriter();
        using (var output = new RunOutput(directory, verbose: true, console))
        {
            output.Write("[placement] started");
            output.Write("[app-2] info: started");
        }

        console.ToString().Should().Contain("[placement] started").And.Contain("[app-2] info: started");
        File.ReadAllText(Path.Combine(directory, "app-2.log")).Should().Contain("info: started");
    }

    [Fact]
    public void A_new_run_starts_each_file_afresh_and_a_name_that_is_no_file_name_goes_to_the_environment_file()
    {
        using (var first = new RunOutput(directory, verbose: false, TextWriter.Null))
        {
            first.Write("[daprd] old run");
        }

        using (var second = new RunOutput(directory, verbose: false, TextWriter.Null))
        {
            second.Write("[daprd] new run");
            second.Write("[../etc] sneaky");
        }

        File.ReadAllText(Path.Combine(directory, "daprd.log")).Should().NotContain("old run").And.Contain("new run");
        File.ReadAllText(Path.Combine(directory, "environment.log")).Should().Contain("sneaky");
        Directory.GetFiles(directory).Select(Path.GetFileName).Should().BeEquivalentTo(["daprd.log", "environment.log"]);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
