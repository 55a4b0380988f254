using System.Globalization;
using EntityActors.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EntityActors.Deploy.Tests;

/// <summary>
/// How many pods a rendering can run, and who decides: the read model must be one all pods share as soon as there can
/// be several, and a Deployment an autoscaler scales must not carry a count of its own that every apply would restore.
/// The API server accepts either mistake.
/// </summary>
public sealed class ReplicaCountTests
{
    public static TheoryData<string> Kustomizations => new(DeploymentContract.Kustomizations);

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task A_rendering_that_can_run_several_pods_keeps_the_read_model_in_a_database_they_share(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);

        var readModel = AppConfiguration.Build(rendered.Environment).GetSection(AppConfiguration.ReadModelSection);

        if (MostPods(rendered) > 1)
        {
            readModel["Provider"].Should().NotBeNull().And.NotBeEquivalentTo("Sqlite",
                "deploy/{0} can run {1} pods and an embedded read model ({2}) holds only the entities active in its own pod, so GET /{{kind}} would answer differently from pod to pod",
                kustomization, MostPods(rendered), readModel["SqlitePath"]);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task A_deployment_an_autoscaler_scales_leaves_its_replica_count_to_the_autoscaler(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);

        if (Autoscaler(rendered) is not null)
        {
            rendered.Deployment.Root.Get("spec", "replicas").Should().BeNull(
                "deploy/{0}: every `kubectl apply -k` would set the Deployment back to its spec.replicas, past the autoscaler's slow scale-down",
                kustomization);
        }
    }

    [Fact]
    public async Task Production_is_scaled_by_its_autoscaler_from_three_pods_up()
    {
        var rendered = await RenderedDeployment.RenderAsync(DeploymentContract.ProductionOverlay);

        var autoscaler = Autoscaler(rendered);

        autoscaler.Should().NotBeNull("production scales with the load");
        Count(autoscaler!, "minReplicas").Should().BeGreaterThanOrEqualTo(3);
        rendered.Deployment.Root.Get("spec", "replicas").Should().BeNull();
    }

    [Theory]
    [InlineData("base")]
    [InlineData(DeploymentContract.LocalOverlay)]
    public async Task Renderings_with_the_embedded_read_model_run_one_pod(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);

        AppConfiguration.Build(rendered.Environment).GetSection(AppConfiguration.ReadModelSection)["Provider"].Should().Be("Sqlite");
        MostPods(rendered).Should().Be(1);
    }

    /// <summary>The most pods the rendering lets run: its autoscaler's maximum, else the Deployment's count (1 when unset).</summary>
    private static int MostPods(RenderedDeployment rendered) =>
        Autoscaler(rendered) is { } autoscaler
            ? Count(autoscaler, "maxReplicas")
            : rendered.Deployment.Root.Text("spec", "replicas") is { } replicas ? int.Parse(replicas, CultureInfo.InvariantCulture) : 1;

    private static YamlMappingNode? Autoscaler(RenderedDeployment rendered) =>
        rendered.Set.OfKind("HorizontalPodAutoscaler")
            .Select(autoscaler => autoscaler.Root)
            .SingleOrDefault(autoscaler => autoscaler.Text("spec", "scaleTargetRef", "kind") == "Deployment"
                && autoscaler.Text("spec", "scaleTargetRef", "name") == DeploymentContract.DeploymentName);

    private static int Count(YamlNode autoscaler, string field) => int.Parse(autoscaler.Text("spec", field)!, CultureInfo.InvariantCulture);
}
