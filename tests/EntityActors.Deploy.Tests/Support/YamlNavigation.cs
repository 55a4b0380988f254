using YamlDotNet.RepresentationModel;

namespace EntityActors.Deploy.Tests.Support;

/// <summary>Path look-ups in a parsed YAML tree; a missing step yields null rather than an exception.</summary>
internal static class YamlNavigation
{
    public static YamlNode? Get(this YamlNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static YamlMappingNode Mapping(this YamlNode node, params string[] path) =>
        node.Get(path) as YamlMappingNode ?? throw new InvalidOperationException($"No mapping at {string.Join('.', path)}.");

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, params string[] path) =>
        (node.Get(path) as YamlSequenceNode)?.Children.ToList() ?? [];

    /// <summary>The keys of a mapping (policy names, target names), in document order.</summary>
    public static IReadOnlyList<string> StringMapKeys(this YamlNode node, params string[] path) =>
        node.Get(path) is YamlMappingNode mapping
            ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(key => key.Value!).ToList()
            : [];

    /// <summary>The scalar entries of a mapping, e.g. annotations or labels.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(this YamlNode node, params string[] path) =>
        node.Get(path) is YamlMappingNode mapping
            ? mapping.Children
                .Where(entry => entry.Value is YamlScalarNode)
                .ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!, entry => ((YamlScalarNode)entry.Value).Value ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Dapr component metadata (<c>spec.metadata</c>, a list of name/value pairs) as a dictionary of plain values;
    /// entries that come from a secret are left out (see <see cref="SecretReferences"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ComponentMetadata(this YamlNode component) =>
        component.Items("spec", "metadata")
            .Where(item => item.Text("value") is not null)
            .ToDictionary(item => item.Text("name")!, item => item.Text("value")!, StringComparer.Ordinal);

    /// <summary>Dapr component metadata entries taken from a secret: name → (secret, key).</summary>
    public static IReadOnlyDictionary<string, (string Secret, string? Key)> SecretReferences(this YamlNode component) =>
        component.Items("spec", "metadata")
            .Where(item => item.Get("secretKeyRef") is not null)
            .ToDictionary(item => item.Text("name")!, item => (item.Text("secretKeyRef", "name")!, item.Text("secretKeyRef", "key")), StringComparer.Ordinal);
}
