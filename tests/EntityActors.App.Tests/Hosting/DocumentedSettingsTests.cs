using System.Reflection;
using System.Text.RegularExpressions;
using EntityActors.App.ReadModel;

namespace EntityActors.App.Tests.Hosting;

/// <summary>
/// Every configuration key the docs, the manifests and the app's own messages name (<c>EntityActors:Intake:MaxBodyBytes</c>,
/// <c>EntityActors__Intake__MaxBodyBytes</c>, or <c>`Intake:MaxBodyBytes`</c> in a document) binds to a property of an
/// options class: a renamed section or setting otherwise leaves operators setting a key nothing reads.
/// </summary>
public partial class DocumentedSettingsTests
{
    private const string Prefix = "EntityActors";

    [Fact]
    public void Every_configuration_key_named_in_the_docs_manifests_and_messages_binds_to_an_options_property()
    {
        var sections = OptionsSections();
        var mentions = Mentions().ToList();

        mentions.Should().HaveCountGreaterThan(50, "the files were read");
        var unbound = mentions.Where(mention => !Binds(sections, mention.Path))
            .Select(mention => $"{mention.Text} ({mention.File}:{mention.Line})")
            .Distinct()
            .ToList();
        string.Join(Environment.NewLine, unbound).Should().BeEmpty(
            "each names a setting no options class has; sections: {0}", string.Join(", ", sections.Keys.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("Intake:MaxBodyBytes", true)]
    [InlineData("Signals:MaxBodyBytes", false)]
    [InlineData("Intake:NoSuchSetting", false)]
    [InlineData("Checkout:PaymentCapture:HeartbeatTimeout", true)]
    [InlineData("Payments:Gateway:InjectDelays:slowpay", true)]
    public void A_key_binds_only_when_its_section_and_setting_exist(string path, bool binds)
    {
        Binds(OptionsSections(), path.Split(':')).Should().Be(binds);
    }

    /// <summary>Options classes by their section below <c>EntityActors</c>, e.g. <c>Intake</c> or <c>Payments:Gateway</c>.</summary>
    private static Dictionary<string, Type> OptionsSections() =>
        typeof(ReadModelOptions).Assembly.GetTypes()
            .Select(type => (Type: type, Section: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(options => options.Section?.StartsWith(Prefix + ":", StringComparison.Ordinal) == true)
            .ToDictionary(options => options.Section![(Prefix.Length + 1)..], options => options.Type, StringComparer.OrdinalIgnoreCase);

    private static bool Binds(Dictionary<string, Type> sections, IReadOnlyList<string> path)
    {
        for (var length = path.Count; length > 0; length--)
        {
            if (sections.TryGetValue(string.Join(':', path.Take(length)), out var type))
            {
                return Binds(type, path.Skip(length).ToList());
            }
        }

        return false;
    }

    /// <summary>As the configuration binder matches: public properties by name, case-insensitively; a dictionary takes any key.</summary>
    private static bool Binds(Type type, IReadOnlyList<string> path)
    {
        if (path.Count == 0 || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return true;
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && Binds(property.PropertyType, path.Skip(1).ToList());
    }

    private static IEnumerable<(string Text, string[] Path, string File, int Line)> Mentions()
    {
        var root = RepositoryRoot();
        var documents = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "deploy"), "*.*", SearchOption.AllDirectories).Where(file => file.EndsWith(".md", StringComparison.Ordinal) || file.EndsWith(".yaml", StringComparison.Ordinal)));
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        foreach (var file in documents.Concat(sources))
        {
            var isDocument = !file.EndsWith(".cs", StringComparison.Ordinal);
            var lines = File.ReadAllLines(file);
            for (var number = 0; number < lines.Length; number++)
            {
                var line = lines[number];
                var found = Prefixed().Matches(line).Select(match => (match.Value, Path: match.Value.Replace("__", ":", StringComparison.Ordinal).Split(':')[1..], match.Index + match.Length));
                if (isDocument)
                {
                    found = found.Concat(ShortInCode().Matches(line).Select(match => (match.Value, Path: match.Groups["key"].Value.Split(':'), match.Index + match.Length)));
                }

                foreach (var (text, path, end) in found)
                {
                    // A note on a rename keeps the old key beside the new one: "(`Signals:InProcessIntake`, now `Intake:InProcessIntake`)".
                    if (!Renamed().IsMatch(line[end..]))
                    {
                        yield return (text, path, Path.GetRelativePath(root, file), number + 1);
                    }
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EntityActors.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No EntityActors.sln above " + AppContext.BaseDirectory);
    }

    // EntityActors:Intake:MaxBodyBytes or EntityActors__Intake__MaxBodyBytes (an environment variable).
    [GeneratedRegex(@"\bEntityActors(?:(?::|__)[A-Z][A-Za-z0-9]*)+")]
    private static partial Regex Prefixed();

    // `Intake:MaxBodyBytes`, `Checkout:PaymentCapture:HeartbeatTimeout`: a setting named by its section in a document.
    [GeneratedRegex(@"`(?<key>(?!EntityActors\b)[A-Z][A-Za-z0-9]*(?::[A-Z][A-Za-z0-9]*)+)`")]
    private static partial Regex ShortInCode();

    [GeneratedRegex(@"^`?,? now `")]
    private static partial Regex Renamed();
}
