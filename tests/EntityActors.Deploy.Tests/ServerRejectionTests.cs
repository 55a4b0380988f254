using EntityActors.Deploy.Tests.Support;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EntityActors.Deploy.Tests;

/// <summary>
/// Proof that the server dry run is a real check: the production rendering, broken in one place, is refused
/// with the server's own reason. A green dry run above means something only because these go red.
/// </summary>
[Collection(KubernetesApiServerCollection.Name)]
public sealed class ServerRejectionTests(KubernetesApiServerFixture server, ITestOutputHelper output)
{
    private static readonly Dictionary<string, Mutation> Mutations = new()
    {
        ["Component scopes moved under spec"] = new("Component", set =>
        {
            var component = set.Single("Component", DeploymentContract.StateStore).Root;
            var scopes = component.Children[new YamlScalarNode("scopes")];
            component.Children.Remove(new YamlScalarNode("scopes"));
            component.Mapping("spec").Add("scopes", scopes);
        }, "strict decoding error: unknown field \"spec.scopes\""),

        // Production leaves the count to its autoscaler: the mutation adds the field rather than changing it.
        ["Deployment replicas written as text"] = new("Deployment", set =>
            set.Single("Deployment", DeploymentContract.DeploymentName).Root.Mapping("spec").Children[new YamlScalarNode("replicas")] =
                new YamlScalarNode("two") { Style = ScalarStyle.DoubleQuoted },
            "cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"),

        ["Resiliency with an unknown policy kind"] = new("Resiliency", set =>
            set.Single("Resiliency", DeploymentContract.ResiliencyName).Root.Mapping("spec", "policies")
                .Add("fallbacks", new YamlMappingNode(new YamlScalarNode("general"), new YamlScalarNode("cache"))),
            "strict decoding error: unknown field \"spec.policies.fallbacks\""),

        ["Sidecar annotation written as a number"] = new("Deployment", set =>
            set.Single("Deployment", DeploymentContract.DeploymentName).Root.Mapping("spec", "template", "metadata", "annotations")
                .Children[new YamlScalarNode("dapr.io/app-port")] = new YamlScalarNode("8080") { Style = ScalarStyle.Plain },
            "cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.annotations of type string"),

        ["Component without a version"] = new("Component", set =>
            set.Single("Component", DeploymentContract.PubSub).Root.Mapping("spec").Children.Remove(new YamlScalarNode("version")),
            "spec.version: Required value"),

        ["Tracing exporter without a protocol"] = new("Configuration", set =>
            set.Single("Configuration", DeploymentContract.ConfigurationName).Root.Mapping("spec", "tracing", "otel")
                .Children.Remove(new YamlScalarNode("protocol")),
            "spec.tracing.otel.protocol: Required value"),

        ["Pod labels the selector does not match"] = new("Deployment", set =>
            set.Single("Deployment", DeploymentContract.DeploymentName).Root.Mapping("spec", "template", "metadata", "labels")
                .Children[new YamlScalarNode("app.kubernetes.io/name")] = new YamlScalarNode("entity-actors"),
            "`selector` does not match template `labels`"),

        ["Disruption budget with both minAvailable and maxUnavailable"] = new("PodDisruptionBudget", set =>
        {
            // Bounded by maxUnavailable (base/poddisruptionbudget.yaml); add the other bound.
            var spec = set.Single("PodDisruptionBudget", DeploymentContract.DeploymentName).Root.Mapping("spec");
            spec.Add(spec.Children.ContainsKey(new YamlScalarNode("maxUnavailable")) ? "minAvailable" : "maxUnavailable", "1");
        },
            "minAvailable and maxUnavailable cannot be both set"),

        ["Autoscaler minimum above its maximum"] = new("HorizontalPodAutoscaler", set =>
            set.Single("HorizontalPodAutoscaler", DeploymentContract.DeploymentName).Root.Mapping("spec")
                .Children[new YamlScalarNode("minReplicas")] = new YamlScalarNode("11"),
            "must be greater than or equal to `minReplicas`"),

        ["Container port out of range"] = new("Deployment", set =>
            AppContainer(set).Items("ports")[0].Mapping().Children[new YamlScalarNode("containerPort")] = new YamlScalarNode("80800"),
            "must be between 1 and 65535, inclusive"),
    };

    public static TheoryData<string> MutationNames => new(Mutations.Keys);

    [Fact]
    public async Task Production_rendering_survives_the_yaml_round_trip_and_is_accepted()
    {
        var rendered = await ManifestSet.RenderAsync(DeploymentContract.ProductionOverlay);

        var result = await server.DryRunAsync(rendered.ToYaml());

        output.WriteLine(result.ToString());
        result.ExitCode.Should().Be(0, "the mutations below must be the only reason for a refusal; {0}", result);
        result.StandardError.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public async Task Broken_production_rendering_is_refused_with_the_servers_reason(string mutationName)
    {
        var mutation = Mutations[mutationName];
        var rendered = await ManifestSet.RenderAsync(DeploymentContract.ProductionOverlay);
        mutation.Apply(rendered);

        var result = await server.DryRunAsync(rendered.ToYaml());

        output.WriteLine(result.StandardError);
        result.ExitCode.Should().NotBe(0, "{0} must be refused; {1}", mutationName, result);
        result.StandardError.Should().Contain(mutation.Reason).And.Contain(mutation.Kind);
    }

    [Fact]
    public async Task Container_that_keeps_its_capabilities_draws_a_pod_security_warning()
    {
        var rendered = await ManifestSet.RenderAsync(DeploymentContract.ProductionOverlay);
        AppContainer(rendered).Mapping("securityContext").Children.Remove(new YamlScalarNode("capabilities"));

        var result = await server.DryRunAsync(rendered.ToYaml());

        output.WriteLine(result.ToString());
        // Admission warns on workloads (it enforces on pods, which a cluster would then fail to create).
        result.ExitCode.Should().Be(0);
        result.StandardError.Should().Contain("would violate PodSecurity \"restricted:latest\"")
            .And.Contain("securityContext.capabilities.drop=[\"ALL\"]");
    }

    private static YamlNode AppContainer(ManifestSet set) =>
        set.Single("Deployment", DeploymentContract.DeploymentName).Root.Items("spec", "template", "spec", "containers")
            .Single(container => container.Text("name") == DeploymentContract.ContainerName);

    private sealed record Mutation(string Kind, Action<ManifestSet> Apply, string Reason);
}
