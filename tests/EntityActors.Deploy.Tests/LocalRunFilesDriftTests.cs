using System.Globalization;
using System.Text.Json;
using EntityActors.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EntityActors.Deploy.Tests;

/// <summary>
/// The files that run the app on a developer's machine (tye.yaml, dapr.yaml, launchSettings.json) name the same app id,
/// ports and components as the manifests; one changed alone breaks only when somebody runs it.
/// </summary>
public sealed class LocalRunFilesDriftTests
{
    [Fact]
    public void Tye_runs_the_app_with_the_same_app_id_port_and_components()
    {
        var tye = LoadYaml(RepositoryLayout.TyeFile);
        var dapr = tye.Items("extensions").Single(extension => extension.Text("name") == "dapr");
        var service = tye.Items("services").Single();

        service.Text("name").Should().Be(DeploymentContract.AppId, "tye uses the service name as the Dapr app id");
        dapr.Text("services", DeploymentContract.AppId, "app-id").Should().Be(DeploymentContract.AppId);
        service.Text("project").Should().Be("src/EntityActors.App/EntityActors.App.csproj");
        File.Exists(Path.Combine(RepositoryLayout.Root, service.Text("project")!)).Should().BeTrue();
        service.Items("bindings").Single().Text("port").Should().Be(LocalPort);
        Path.GetFullPath(Path.Combine(RepositoryLayout.Root, dapr.Text("components-path")!))
            .Should().Be(RepositoryLayout.ComponentsLocal);
    }

    [Fact]
    public void Dapr_run_file_uses_the_same_app_id_ports_and_components()
    {
        var run = LoadYaml(RepositoryLayout.DaprRunFile);
        var app = run.Items("apps").Single();
        var appDirectory = Path.GetFullPath(Path.Combine(RepositoryLayout.Root, app.Text("appDirPath")!));

        run.Text("version").Should().Be("1");
        Path.GetFullPath(Path.Combine(RepositoryLayout.Root, run.Text("common", "resourcesPath")!)).Should().Be(RepositoryLayout.ComponentsLocal);
        app.Text("appID").Should().Be(DeploymentContract.AppId);
        File.Exists(Path.Combine(appDirectory, "EntityActors.App.csproj")).Should().BeTrue($"appDirPath {appDirectory} is the app's project folder");
        app.Text("appPort").Should().Be(LocalPort);
        app.Text("daprHTTPPort").Should().Be(DeploymentContract.LocalDaprHttpPort.ToString(CultureInfo.InvariantCulture));
        app.Text("daprGRPCPort").Should().Be(DeploymentContract.LocalDaprGrpcPort.ToString(CultureInfo.InvariantCulture));
        app.Items("command").Select(part => part.Text()).Should().Equal("dotnet", "run", "--urls", $"http://127.0.0.1:{LocalPort}");
    }

    [Fact]
    public void Launch_settings_listen_on_the_local_app_port_and_expect_the_sidecar_ports_of_the_run_file()
    {
        using var launch = JsonDocument.Parse(File.ReadAllText(RepositoryLayout.LaunchSettings));
        var profile = launch.RootElement.GetProperty("profiles").GetProperty("EntityActors.App");
        var environment = profile.GetProperty("environmentVariables");

        new Uri(profile.GetProperty("applicationUrl").GetString()!.Split(';')[0]).Port.Should().Be(DeploymentContract.LocalAppPort);
        environment.GetProperty("DAPR_HTTP_PORT").GetString().Should().Be(DeploymentContract.LocalDaprHttpPort.ToString(CultureInfo.InvariantCulture));
        environment.GetProperty("DAPR_GRPC_PORT").GetString().Should().Be(DeploymentContract.LocalDaprGrpcPort.ToString(CultureInfo.InvariantCulture));
    }

    private static string LocalPort => DeploymentContract.LocalAppPort.ToString(CultureInfo.InvariantCulture);

    private static YamlMappingNode LoadYaml(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
