using YamlDotNet.RepresentationModel;

namespace EntityActors.Deploy.Tests.Support;

/// <summary>One Kubernetes object as parsed YAML; mutable, so negative tests can break it on purpose.</summary>
internal sealed class Manifest(YamlMappingNode root)
{
    public YamlMappingNode Root { get; } = root;

    public string Kind => Root.Text("kind") ?? string.Empty;

    public string Name => Root.Text("metadata", "name") ?? string.Empty;

    public string? Namespace => Root.Text("metadata", "namespace");

    public override string ToString() => $"{Kind}/{Name}";
}
