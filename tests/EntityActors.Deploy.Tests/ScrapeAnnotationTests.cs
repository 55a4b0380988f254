using System.Globalization;
using EntityActors.Deploy.Tests.Support;

namespace EntityActors.Deploy.Tests;

/// <summary>
/// The pod announces the app's Prometheus endpoint (<c>prometheus.io/*</c>, read by an annotation-driven scrape
/// configuration, which the API server does not check): the app's port and the path the app serves metrics at.
/// </summary>
public sealed class ScrapeAnnotationTests
{
    private const string ScrapePathKey = "EntityActors:Telemetry:PrometheusScrapePath";

    public static TheoryData<string> Kustomizations => new(DeploymentContract.Kustomizations);

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pods_announce_the_apps_metrics_endpoint_for_scraping(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);
        var annotations = rendered.PodAnnotations;
        var scrapePath = AppConfiguration.Build(rendered.Environment)[ScrapePathKey];

        scrapePath.Should().StartWith("/", "the app serves its metrics in every rendering");
        annotations.Should().Contain("prometheus.io/scrape", "true").And.Contain("prometheus.io/path", scrapePath);
        rendered.ResolveContainerPort(annotations["prometheus.io/port"]).Should().Be(DeploymentContract.ContainerPort);
        int.Parse(annotations["prometheus.io/port"], CultureInfo.InvariantCulture)
            .Should().NotBe(int.Parse(annotations["dapr.io/metrics-port"], CultureInfo.InvariantCulture), "the sidecar's metrics are not the app's");
    }
}
