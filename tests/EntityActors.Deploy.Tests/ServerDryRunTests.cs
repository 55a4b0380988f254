using System.Text.RegularExpressions;
using EntityActors.Deploy.Tests.Support;
using Xunit.Abstractions;

namespace EntityActors.Deploy.Tests;

/// <summary>Each kustomization, sent to a real API server with <c>--dry-run=server</c>: validated, admitted, not stored.</summary>
[Collection(KubernetesApiServerCollection.Name)]
public sealed partial class ServerDryRunTests(KubernetesApiServerFixture server, ITestOutputHelper output)
{
    /// <summary>What every kustomization must yield, as kubectl names the objects it applied.</summary>
    private static readonly string[] ExpectedObjects =
    [
        $"deployment.apps/{DeploymentContract.DeploymentName}",
        $"service/{DeploymentContract.DeploymentName}",
        $"poddisruptionbudget.policy/{DeploymentContract.DeploymentName}",
        $"component.dapr.io/{DeploymentContract.StateStore}",
        $"component.dapr.io/{DeploymentContract.PubSub}",
        $"configuration.dapr.io/{DeploymentContract.ConfigurationName}",
        $"resiliency.dapr.io/{DeploymentContract.ResiliencyName}",
    ];

    public static TheoryData<string> Kustomizations => new(DeploymentContract.Kustomizations);

    [Fact]
    public async Task Api_server_starts_offline_and_serves_the_dapr_resource_kinds()
    {
        var result = await server.KubectlAsync("api-resources", "--api-group=dapr.io", "-o", "name");

        output.WriteLine($"kube-apiserver ready {server.StartupDuration.TotalSeconds:F1} s after launch; fully provisioned in {server.ProvisioningDuration.TotalSeconds:F1} s.");
        output.WriteLine(result.ToString());
        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Should().Contain(["components.dapr.io", "configurations.dapr.io", "resiliencies.dapr.io", "subscriptions.dapr.io"]);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Kustomization_is_accepted_whole_by_the_api_server_without_warnings(string kustomization)
    {
        var rendered = await ManifestSet.RenderAsync(kustomization);

        var result = await server.DryRunKustomizationAsync(kustomization);

        output.WriteLine(result.ToString());
        result.ExitCode.Should().Be(0, result.ToString());
        // Pod Security warnings ("would violate PodSecurity") and deprecations arrive on stderr.
        result.StandardError.Should().BeEmpty();
        var accepted = AcceptedObjects(result.StandardOutput);
        accepted.Should().Contain(ExpectedObjects);
        if (kustomization == DeploymentContract.ProductionOverlay)
        {
            accepted.Should().Contain($"horizontalpodautoscaler.autoscaling/{DeploymentContract.DeploymentName}");
        }

        accepted.Should().HaveCount(rendered.Count, "every rendered object is admitted, none skipped");
    }

    private static List<string> AcceptedObjects(string kubectlOutput) =>
        kubectlOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => DryRunLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["object"].Value)
            .ToList();

    [GeneratedRegex(@"^(?<object>\S+) (created|configured|unchanged) \(server dry run\)$")]
    private static partial Regex DryRunLine();
}
