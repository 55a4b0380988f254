using System.Collections;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace EntityActors.Deploy.Tests.Support;

/// <summary>The objects of a rendered kustomization or of a folder of YAML files.</summary>
internal sealed class ManifestSet(IReadOnlyList<Manifest> manifests) : IReadOnlyList<Manifest>
{
    public int Count => manifests.Count;

    public Manifest this[int index] => manifests[index];

    public static ManifestSet Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new ManifestSet(stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().Select(root => new Manifest(root)).ToList());
    }

    /// <summary>Renders <c>deploy/{kustomization}</c> with <c>kubectl kustomize</c> (offline).</summary>
    public static async Task<ManifestSet> RenderAsync(string kustomization) => Parse(await Kubectl.RenderAsync(kustomization));

    public static ManifestSet LoadFolder(string folder) =>
        new(Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).SelectMany(file => Parse(File.ReadAllText(file))).ToList());

    public Manifest Single(string kind, string name) =>
        manifests.SingleOrDefault(manifest => manifest.Kind == kind && manifest.Name == name)
        ?? throw new InvalidOperationException($"No {kind}/{name} among: {string.Join(", ", manifests)}.");

    public IEnumerable<Manifest> OfKind(string kind) => manifests.Where(manifest => manifest.Kind == kind);

    /// <summary>Back to multi-document YAML; scalar styles survive, so quoted numbers stay strings.</summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        foreach (var manifest in manifests)
        {
            using var writer = new StringWriter();
            new YamlStream(new YamlDocument(manifest.Root)).Save(writer, assignAnchors: false);
            yaml.Append("---").Append('\n').Append(writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        return yaml.ToString();
    }

    public IEnumerator<Manifest> GetEnumerator() => manifests.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
