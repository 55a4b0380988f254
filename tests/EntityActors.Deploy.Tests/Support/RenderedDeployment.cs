using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace EntityActors.Deploy.Tests.Support;

/// <summary>The app's Deployment in a rendering, with the look-ups the tests share.</summary>
internal sealed class RenderedDeployment(ManifestSet set)
{
    public ManifestSet Set { get; } = set;

    public Manifest Deployment { get; } = set.Single("Deployment", DeploymentContract.DeploymentName);

    public IReadOnlyDictionary<string, string> PodAnnotations => Deployment.Root.StringMap("spec", "template", "metadata", "annotations");

    public YamlNode Container => Deployment.Root.Items("spec", "template", "spec", "containers")
        .Single(container => container.Text("name") == DeploymentContract.ContainerName);

    /// <summary>Plain <c>value:</c> environment variables of the app container.</summary>
    public IReadOnlyDictionary<string, string> Environment => Container.Items("env")
        .Where(variable => variable.Text("value") is not null)
        .ToDictionary(variable => variable.Text("name")!, variable => variable.Text("value")!, StringComparer.Ordinal);

    /// <summary>Environment variables of the app container taken from a Secret: name → (secret, key).</summary>
    public IReadOnlyDictionary<string, (string Secret, string Key)> SecretEnvironment => Container.Items("env")
        .Where(variable => variable.Get("valueFrom", "secretKeyRef") is not null)
        .ToDictionary(
            variable => variable.Text("name")!,
            variable => (variable.Text("valueFrom", "secretKeyRef", "name")!, variable.Text("valueFrom", "secretKeyRef", "key")!),
            StringComparer.Ordinal);

    public static async Task<RenderedDeployment> RenderAsync(string kustomization) => new(await ManifestSet.RenderAsync(kustomization));

    /// <summary>A container port given by number or by name, as probes and Services may give it.</summary>
    public int ResolveContainerPort(string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : int.Parse(
                Container.Items("ports").Single(candidate => candidate.Text("name") == port).Text("containerPort")!,
                CultureInfo.InvariantCulture);
}
