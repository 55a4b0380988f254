using System.Globalization;
using System.Text.RegularExpressions;
using EntityActors.Deploy.Tests.Support;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace EntityActors.Deploy.Tests;

/// <summary>
/// The same app id, ports, component names and topics are written in many files: the manifests, the embedded and
/// Redis components for local runs and appsettings.json (the local run files: <see cref="LocalRunFilesDriftTests"/>).
/// One changed alone breaks only at run time, in one environment; these tests make it break here.
/// </summary>
public sealed partial class ConfigurationDriftTests
{
    private static readonly string[] ComponentNames = [DeploymentContract.StateStore, DeploymentContract.EntityStore, DeploymentContract.PubSub];

    public static TheoryData<string> Kustomizations => new(DeploymentContract.Kustomizations);

    public static TheoryData<string> LocalComponentFolders => new(RepositoryLayout.ComponentsLocal, RepositoryLayout.ComponentsRedis, RepositoryLayout.ComponentsPostgres);

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Rendered_components_are_the_contracts_scoped_to_the_app(string kustomization)
    {
        var set = await ManifestSet.RenderAsync(kustomization);

        AssertContractComponents(set, $"deploy/{kustomization}");
        set.Single("Resiliency", DeploymentContract.ResiliencyName).Root.Items("scopes").Select(scope => scope.Text())
            .Should().Contain(DeploymentContract.AppId);
    }

    [Theory]
    [MemberData(nameof(LocalComponentFolders))]
    public void Local_component_files_define_the_same_components_as_the_manifests(string folder)
    {
        AssertContractComponents(ManifestSet.LoadFolder(folder), Path.GetRelativePath(RepositoryLayout.Root, folder));
    }

    [Fact]
    public async Task Redis_component_files_use_the_component_types_of_the_local_overlay()
    {
        await AssertSameTypesAsync(DeploymentContract.LocalOverlay, RepositoryLayout.ComponentsRedis);
    }

    [Fact]
    public async Task Postgres_component_files_use_the_component_types_and_versions_of_production()
    {
        await AssertSameTypesAsync(DeploymentContract.ProductionOverlay, RepositoryLayout.ComponentsPostgres);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Deployment_names_the_components_and_the_port_of_the_same_rendering(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);
        var types = rendered.Set.OfKind("Component").ToDictionary(component => component.Name, component => component.Root.Text("spec", "type") ?? string.Empty);

        types.Should().ContainKey(rendered.Environment["EntityActors__Dapr__StateStore"])
            .WhoseValue.Should().StartWith("state.");
        types.Should().ContainKey(rendered.Environment["EntityActors__Dapr__EntityStore"])
            .WhoseValue.Should().StartWith("state.");
        types.Should().ContainKey(rendered.Environment["EntityActors__Dapr__PubSub"])
            .WhoseValue.Should().StartWith("pubsub.");
        var port = DeploymentContract.ContainerPort.ToString(CultureInfo.InvariantCulture);
        rendered.Environment["ASPNETCORE_HTTP_PORTS"].Should().Be(port);
        rendered.PodAnnotations["dapr.io/app-port"].Should().Be(port);
        rendered.ResolveContainerPort(DeploymentContract.ContainerPortName).Should().Be(DeploymentContract.ContainerPort);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Service_disruption_budget_and_autoscaler_point_at_the_app_pods(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);
        var podLabels = rendered.Deployment.Root.StringMap("spec", "template", "metadata", "labels");
        var service = rendered.Set.Single("Service", DeploymentContract.DeploymentName).Root;
        var servicePort = service.Items("spec", "ports").Single();
        var budget = rendered.Set.Single("PodDisruptionBudget", DeploymentContract.DeploymentName).Root;

        service.Text("spec", "type").Should().Be("ClusterIP");
        servicePort.Text("port").Should().Be(DeploymentContract.ServicePort.ToString(CultureInfo.InvariantCulture));
        rendered.ResolveContainerPort(servicePort.Text("targetPort")!).Should().Be(DeploymentContract.ContainerPort);
        podLabels.Should().Contain(service.StringMap("spec", "selector"));
        podLabels.Should().Contain(budget.StringMap("spec", "selector", "matchLabels"));
        // Only production has one (ReplicaCountTests); where there is one, it scales the app's Deployment.
        foreach (var autoscaler in rendered.Set.OfKind("HorizontalPodAutoscaler").Select(autoscaler => autoscaler.Root))
        {
            autoscaler.Text("spec", "scaleTargetRef", "kind").Should().Be("Deployment");
            autoscaler.Text("spec", "scaleTargetRef", "name").Should().Be(DeploymentContract.DeploymentName);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Resiliency_targets_the_components_of_the_same_rendering_with_defined_policies_and_defines_none_unused(string kustomization)
    {
        var set = await ManifestSet.RenderAsync(kustomization);
        var spec = set.Single("Resiliency", DeploymentContract.ResiliencyName).Root.Mapping("spec");
        var components = set.OfKind("Component").Select(component => component.Name).ToList();

        // The CRD schema takes any map key and any policy name: a typo here is accepted by the server and ignored by Dapr.
        spec.StringMapKeys("targets", "components").Should().BeSubsetOf(components).And.Contain(ComponentNames);
        foreach (var (kind, reference) in new[] { ("timeouts", "timeout"), ("retries", "retry"), ("circuitBreakers", "circuitBreaker") })
        {
            var defined = spec.StringMapKeys("policies", kind);
            var referenced = PolicyReferences(spec.Mapping("targets"), reference).ToList();
            referenced.Should().BeSubsetOf(defined, $"every {reference} named in targets is defined under policies.{kind}");
            defined.Should().BeSubsetOf(referenced, $"a policy under policies.{kind} that no target names does nothing");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Resiliency_names_no_app_or_actor_target(string kustomization)
    {
        var targets = (await ManifestSet.RenderAsync(kustomization)).Single("Resiliency", DeploymentContract.ResiliencyName).Root.Mapping("spec", "targets");

        targets.StringMapKeys("apps").Should().BeEmpty(
            "an apps target covers service invocation, which the app never makes: its calls to entities are actor calls");
        targets.StringMapKeys("actors").Should().BeEmpty(
            "a named actor policy replaces Dapr's built-in actor-invocation retries, and the app bounds and hedges its own writer calls");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task No_circuit_breaker_stands_between_the_sidecar_and_a_state_store(string kustomization)
    {
        var spec = (await ManifestSet.RenderAsync(kustomization)).Single("Resiliency", DeploymentContract.ResiliencyName).Root.Mapping("spec");

        // An open breaker fails every call for its whole open period, also once the store is back: with 30 s, a 2 s
        // outage of the store would have lasted 30 s. Nothing has a fallback for a missing store, so a breaker buys nothing.
        foreach (var store in new[] { DeploymentContract.StateStore, DeploymentContract.EntityStore })
        {
            spec.Text("targets", "components", store, "outbound", "circuitBreaker").Should().BeNull(store);
        }

        spec.StringMapKeys("policies", "circuitBreakers").Should().NotContain(
            ["DefaultCircuitBreakerPolicy", "DefaultComponentCircuitBreakerPolicy", "DefaultComponentOutboundCircuitBreakerPolicy",
             "DefaultStatestoreComponentOutboundCircuitBreakerPolicy"],
            "Dapr applies these default policies to every state store call that names none");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Resiliency_policies_use_values_dapr_can_parse(string kustomization)
    {
        var policies = (await ManifestSet.RenderAsync(kustomization)).Single("Resiliency", DeploymentContract.ResiliencyName).Root.Mapping("spec", "policies");

        // The CRD types these as plain strings; daprd parses them only when it loads the resource, on the cluster.
        policies.StringMap("timeouts").Values.Should().OnlyContain(value => GoDuration().IsMatch(value));
        foreach (var retry in policies.Mapping("retries").Children.Values)
        {
            retry.Text("policy").Should().BeOneOf("constant", "exponential");
            new[] { retry.Text("duration"), retry.Text("maxInterval") }.OfType<string>().Should().OnlyContain(value => GoDuration().IsMatch(value));
        }

        foreach (var breaker in (policies.Get("circuitBreakers") as YamlMappingNode)?.Children.Values ?? [])
        {
            new[] { breaker.Text("interval"), breaker.Text("timeout") }.OfType<string>().Should().OnlyContain(value => GoDuration().IsMatch(value));
            breaker.Text("trip").Should().MatchRegex(@"^consecutiveFailures\s*(>|>=)\s*\d+$");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Pubsub_allows_exactly_the_topics_of_the_contract(string kustomization)
    {
        var pubsub = (await ManifestSet.RenderAsync(kustomization)).Single("Component", DeploymentContract.PubSub).Root;

        Topics(pubsub.ComponentMetadata()["allowedTopics"]).Should().BeEquivalentTo(DeploymentContract.Topics);
    }

    [Theory]
    [MemberData(nameof(LocalComponentFolders))]
    public void Local_pubsub_names_no_topic_outside_the_contract(string folder)
    {
        var metadata = ManifestSet.LoadFolder(folder).Single("Component", DeploymentContract.PubSub).Root.ComponentMetadata();

        // Scoping is optional locally; where it is written, it must not drift from the contract.
        foreach (var key in new[] { "allowedTopics", "publishingScopes", "subscriptionScopes" }.Where(metadata.ContainsKey))
        {
            Topics(metadata[key]).Should().BeSubsetOf(DeploymentContract.Topics, $"{key} in {folder}");
        }
    }

    [Fact]
    public void App_settings_name_the_components_the_manifests_define()
    {
        var section = RequiredSection(AppConfiguration.Build(), AppConfiguration.DaprSection,
            """{ "StateStore": "statestore", "EntityStore": "entitystore", "PubSub": "pubsub" }""");

        section["StateStore"].Should().Be(DeploymentContract.StateStore);
        section["EntityStore"].Should().Be(DeploymentContract.EntityStore);
        section["PubSub"].Should().Be(DeploymentContract.PubSub);
    }

    [Fact]
    public void App_settings_use_exactly_the_topics_the_pubsub_allows()
    {
        var section = RequiredSection(AppConfiguration.Build(), AppConfiguration.TopicsSection,
            """{ "Signals": "signals", "Checkouts": "checkouts", "EntityEventsPrefix": "" }""");

        AppConfiguration.Topics(section).Should().BeEquivalentTo(DeploymentContract.Topics);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task App_in_the_pod_uses_only_topics_its_pubsub_allows(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);
        var allowed = Topics(rendered.Set.Single("Component", DeploymentContract.PubSub).Root.ComponentMetadata()["allowedTopics"]);

        var topics = AppConfiguration.Topics(AppConfiguration.Build(rendered.Environment).GetSection(AppConfiguration.TopicsSection));

        topics.Should().BeEquivalentTo(allowed, "the sidecar refuses to publish or subscribe to any other topic");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task App_in_the_pod_reads_the_component_names_the_rendering_defines(string kustomization)
    {
        var rendered = await RenderedDeployment.RenderAsync(kustomization);

        var section = AppConfiguration.Build(rendered.Environment).GetSection(AppConfiguration.DaprSection);

        section["StateStore"].Should().Be(DeploymentContract.StateStore);
        section["EntityStore"].Should().Be(DeploymentContract.EntityStore);
        section["PubSub"].Should().Be(DeploymentContract.PubSub);
    }

    private static async Task AssertSameTypesAsync(string kustomization, string folder)
    {
        var deployed = await ManifestSet.RenderAsync(kustomization);
        var local = ManifestSet.LoadFolder(folder);

        foreach (var name in ComponentNames)
        {
            local.Single("Component", name).Root.Text("spec", "type")
                .Should().Be(deployed.Single("Component", name).Root.Text("spec", "type"), name);
            local.Single("Component", name).Root.Text("spec", "version")
                .Should().Be(deployed.Single("Component", name).Root.Text("spec", "version"), name);
        }
    }

    private static void AssertContractComponents(ManifestSet set, string source)
    {
        // A secret store (components/postgres reads its connection string from the environment) is not part of the contract.
        set.OfKind("Component").Where(component => component.Root.Text("spec", "type")?.StartsWith("secretstores.", StringComparison.Ordinal) != true)
            .Select(component => component.Name).Should().BeEquivalentTo(ComponentNames, source);
        foreach (var component in set.OfKind("Component"))
        {
            component.Root.Items("scopes").Select(scope => scope.Text()).Should().Contain(DeploymentContract.AppId, $"{component} in {source} is scoped to the app");
        }

        var stateStore = set.Single("Component", DeploymentContract.StateStore).Root;
        stateStore.Text("spec", "type").Should().StartWith("state.", source);
        stateStore.ComponentMetadata().Should().Contain("actorStateStore", "true", $"actors and workflows need it ({source})");
        var entityStore = set.Single("Component", DeploymentContract.EntityStore).Root;
        entityStore.Text("spec", "type").Should().StartWith("state.", source);
        entityStore.ComponentMetadata().Should().NotContainKey("actorStateStore", $"only one component may be the actor state store ({source})");
        set.Single("Component", DeploymentContract.PubSub).Root.Text("spec", "type").Should().StartWith("pubsub.", source);
    }

    private static IConfigurationSection RequiredSection(IConfiguration configuration, string key, string expectedShape)
    {
        var section = configuration.GetSection(key);
        section.Exists().Should().BeTrue(
            $"{RepositoryLayout.AppSettings} needs a section {key} that agrees with the manifests, e.g. \"{key.Split(':')[^1]}\": {expectedShape}");
        return section;
    }

    private static HashSet<string> Topics(string list) =>
        list.Split([',', ';', '='], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(topic => topic != DeploymentContract.AppId)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> PolicyReferences(YamlNode node, string reference) =>
        node switch
        {
            YamlMappingNode mapping => mapping.Children.SelectMany(entry =>
                ((YamlScalarNode)entry.Key).Value == reference && entry.Value is YamlScalarNode name
                    ? [name.Value!]
                    : PolicyReferences(entry.Value, reference)),
            _ => [],
        };

    [GeneratedRegex(@"^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$")]
    private static partial Regex GoDuration();
}
