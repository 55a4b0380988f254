using System.Globalization;
using System.Text.RegularExpressions;
using EntityActors.Deploy.Tests.Support;

namespace EntityActors.Deploy.Tests;

/// <summary>
/// What the API server cannot check: the annotations are read only by Dapr's sidecar injector (a webhook that
/// is absent offline), and a wrong one fails only on a real cluster, at rollout. Checked on the rendered YAML.
/// </summary>
public sealed partial class SidecarAnnotationTests
{
    private const string DaprPrefix = "dapr.io/";

    /// <summary>Annotations the Dapr 1.18 injector reads (those this repo might plausibly use); a typo is not among them.</summary>
    private static readonly HashSet<string> KnownDaprAnnotations = new(StringComparer.Ordinal)
    {
        "dapr.io/enabled", "dapr.io/app-id", "dapr.io/app-port", "dapr.io/app-protocol", "dapr.io/config",
        "dapr.io/enable-api-logging", "dapr.io/log-as-json", "dapr.io/log-level", "dapr.io/enable-metrics",
        "dapr.io/metrics-port", "dapr.io/sidecar-cpu-request", "dapr.io/sidecar-cpu-limit",
        "dapr.io/sidecar-memory-request", "dapr.io/sidecar-memory-limit", "dapr.io/api-token-secret",
        "dapr.io/app-token-secret", "dapr.io/app-max-concurrency", "dapr.io/enable-app-health-check",
        "dapr.io/app-health-check-path", "dapr.io/app-health-probe-interval", "dapr.io/app-health-probe-timeout",
        "dapr.io/app-health-threshold", "dapr.io/graceful-shutdown-seconds", "dapr.io/block-shutdown-duration",
        "dapr.io/sidecar-listen-addresses", "dapr.io/env", "dapr.io/max-body-size", "dapr.io/read-buffer-size",
        "dapr.io/placement-host-address", "dapr.io/disable-builtin-k8s-secret-store", "dapr.io/volume-mounts",
        "dapr.io/volume-mounts-rw", "dapr.io/sidecar-liveness-probe-delay-seconds", "dapr.io/sidecar-readiness-probe-delay-seconds",
    };

    public static TheoryData<string> Kustomizations => new(DeploymentContract.Kustomizations);

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pod_template_carries_the_sidecar_annotations_of_the_contract(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);

        rendered.PodAnnotations.Should().Contain(new Dictionary<string, string>
        {
            ["dapr.io/enabled"] = "true",
            ["dapr.io/app-id"] = DeploymentContract.AppId,
            ["dapr.io/app-port"] = DeploymentContract.ContainerPort.ToString(CultureInfo.InvariantCulture),
            ["dapr.io/app-protocol"] = "http",
            ["dapr.io/config"] = DeploymentContract.ConfigurationName,
            ["dapr.io/enable-api-logging"] = "true",
            ["dapr.io/log-as-json"] = "true",
            ["dapr.io/enable-metrics"] = "true",
        });
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Every_dapr_annotation_is_one_the_injector_reads(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);

        rendered.PodAnnotations.Keys.Where(key => key.StartsWith(DaprPrefix, StringComparison.Ordinal))
            .Should().OnlyContain(key => KnownDaprAnnotations.Contains(key));
        rendered.Deployment.Root.StringMap("metadata", "annotations").Keys
            .Should().NotContain(key => key.StartsWith(DaprPrefix, StringComparison.Ordinal), "the injector reads the pod template, not the Deployment's own metadata");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Config_annotation_names_a_configuration_of_the_same_rendering(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);

        rendered.Set.OfKind("Configuration").Select(configuration => configuration.Name)
            .Should().Contain(rendered.PodAnnotations["dapr.io/config"]);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Sidecar_metrics_port_and_resources_are_valid_values(string kustomization)
    {
        var annotations = (await RenderedDeployment.RenderAsync(kustomization)).PodAnnotations;

        var metricsPort = int.Parse(annotations["dapr.io/metrics-port"], CultureInfo.InvariantCulture);
        metricsPort.Should().BeInRange(1024, 65535)
            .And.NotBe(DeploymentContract.ContainerPort)
            .And.NotBe(DeploymentContract.LocalDaprHttpPort)
            .And.NotBe(DeploymentContract.LocalDaprGrpcPort, "daprd listens on 3500 and 50001 inside the pod");
        var cpuRequest = Cpu(annotations["dapr.io/sidecar-cpu-request"]);
        var cpuLimit = Cpu(annotations["dapr.io/sidecar-cpu-limit"]);
        var memoryRequest = Memory(annotations["dapr.io/sidecar-memory-request"]);
        var memoryLimit = Memory(annotations["dapr.io/sidecar-memory-limit"]);
        cpuRequest.Should().BePositive().And.BeLessThanOrEqualTo(cpuLimit);
        memoryRequest.Should().BePositive().And.BeLessThanOrEqualTo(memoryLimit);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Probes_check_liveness_and_readiness_on_the_app_port(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);
        var container = rendered.Container;

        container.Text("livenessProbe", "httpGet", "path").Should().Be(DeploymentContract.LivenessPath);
        container.Text("readinessProbe", "httpGet", "path").Should().Be(DeploymentContract.ReadinessPath);
        container.Text("startupProbe", "httpGet", "path").Should().Be(DeploymentContract.LivenessPath);
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            rendered.ResolveContainerPort(container.Text(probe, "httpGet", "port")!).Should().Be(DeploymentContract.ContainerPort, probe);
            // Kubernetes waits 1 s unless told; the app answers within Health:CheckTimeout (1.5 s), even with a dependency hung.
            int.Parse(container.Text(probe, "timeoutSeconds") ?? "1", CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(2,
                $"{probe}: a probe must wait longer than the app's bound on its health checks (EntityActors:Health:CheckTimeout, 1.5 s)");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task App_container_runs_as_non_root_on_a_read_only_root_with_a_writable_tmp(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);
        var pod = rendered.Deployment.Root.Mapping("spec", "template", "spec");

        pod.Text("securityContext", "runAsNonRoot").Should().Be("true");
        int.Parse(pod.Text("securityContext", "runAsUser")!, CultureInfo.InvariantCulture).Should().BePositive();
        rendered.Container.Text("securityContext", "readOnlyRootFilesystem").Should().Be("true");
        rendered.Container.Text("securityContext", "allowPrivilegeEscalation").Should().Be("false");
        var tmp = rendered.Container.Items("volumeMounts").Single(mount => mount.Text("mountPath") == "/tmp").Text("name");
        pod.Items("volumes").Single(volume => volume.Text("name") == tmp).Get("emptyDir").Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Sidecar_checks_the_app_health_every_second_so_a_crashed_app_gives_up_its_entities(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);

        // Without them a sidecar whose app crashed keeps its actors, and their entities answer 503 until the app is back.
        rendered.PodAnnotations.Should().Contain(new Dictionary<string, string>
        {
            ["dapr.io/enable-app-health-check"] = "true",
            ["dapr.io/app-health-check-path"] = DeploymentContract.LivenessPath,
            ["dapr.io/app-health-probe-interval"] = "1",
            ["dapr.io/app-health-threshold"] = "2",
        });
        int.Parse(rendered.PodAnnotations["dapr.io/app-health-probe-timeout"], CultureInfo.InvariantCulture)
            .Should().BeInRange(100, 1000, "milliseconds, below the one-second interval");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task A_stopping_sidecar_waits_for_its_draining_app_within_the_pods_grace_period(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);
        var grace = int.Parse(rendered.Deployment.Root.Mapping("spec", "template", "spec").Text("terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);

        // Without it the sidecar stops with the app on SIGTERM: the app's requests in flight lose their store and actors.
        var block = rendered.PodAnnotations.Should().ContainKey("dapr.io/block-shutdown-duration").WhoseValue;
        block.Should().MatchRegex("^[0-9]+s$");
        int.Parse(block.TrimEnd('s'), CultureInfo.InvariantCulture).Should().BeInRange(1, grace - 5,
            "the sidecar's wait, then its own graceful stop, fit in the pod's termination grace period");
    }

    [Fact]
    public async Task Production_turns_on_api_tokens_both_ways_from_the_tokens_secret()
    {
        var rendered = await RenderedDeployment.RenderAsync(DeploymentContract.ProductionOverlay);

        rendered.PodAnnotations.Should().Contain("dapr.io/api-token-secret", DeploymentContract.TokensSecret)
            .And.Contain("dapr.io/app-token-secret", DeploymentContract.TokensSecret);
        // The injector reads key "token" and hands it to the sidecar only; the app needs the same values.
        rendered.SecretEnvironment.Should().Contain("DAPR_API_TOKEN", (DeploymentContract.TokensSecret, "token"))
            .And.Contain("APP_API_TOKEN", (DeploymentContract.TokensSecret, "token"));
    }

    [Fact]
    public async Task Local_runs_without_api_tokens()
    {
        var rendered = await RenderedDeployment.RenderAsync(DeploymentContract.LocalOverlay);

        rendered.PodAnnotations.Keys.Should().NotContain(["dapr.io/api-token-secret", "dapr.io/app-token-secret"]);
        rendered.SecretEnvironment.Keys.Should().NotContain(["DAPR_API_TOKEN", "APP_API_TOKEN"]);
    }

    [Fact]
    public async Task Production_pins_its_image_and_requests_all_the_memory_it_may_use()
    {
        var rendered = await RenderedDeployment.RenderAsync(DeploymentContract.ProductionOverlay);

        rendered.Container.Text("image").Should().MatchRegex(PinnedImage());
        // Memory request equal to the limit: the scheduler never places more than the node can hold.
        rendered.Container.Text("resources", "requests", "memory").Should().Be(rendered.Container.Text("resources", "limits", "memory"));
    }

    [Fact]
    public async Task Local_runs_one_replica_of_the_locally_built_image()
    {
        var rendered = await RenderedDeployment.RenderAsync(DeploymentContract.LocalOverlay);

        rendered.Deployment.Root.Text("spec", "replicas").Should().Be("1");
        rendered.Container.Text("image").Should().Be("entityactors:latest");
        rendered.Container.Text("imagePullPolicy").Should().Be("IfNotPresent");
    }

    private static decimal Cpu(string quantity) =>
        quantity.EndsWith('m')
            ? decimal.Parse(quantity[..^1], CultureInfo.InvariantCulture) / 1000
            : decimal.Parse(quantity, CultureInfo.InvariantCulture);

    private static long Memory(string quantity)
    {
        var match = MemoryQuantity().Match(quantity);
        match.Success.Should().BeTrue($"'{quantity}' is a memory quantity like 256Mi");
        var exponent = match.Groups["unit"].Value switch { "Ki" => 1, "Mi" => 2, "Gi" => 3, _ => 0 };
        return long.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture) * (long)Math.Pow(1024, exponent);
    }

    [GeneratedRegex(@"^(?<amount>\d+)(?<unit>Ki|Mi|Gi)?$")]
    private static partial Regex MemoryQuantity();

    [GeneratedRegex(@"^[a-z0-9.\-/]+:\d+\.\d+\.\d+$|@sha256:[0-9a-f]{64}$")]
    private static partial Regex PinnedImage();
}
