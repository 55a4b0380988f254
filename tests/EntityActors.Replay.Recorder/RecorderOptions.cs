using EntityActors.LocalRuntime;

namespace EntityActors.Replay.Recorder;

/// <summary>The recorder's command line: where to write, which builds, which scenario.</summary>
public sealed record RecorderOptions(string Output, IReadOnlyList<string> Builds, string? Only)
{
    public static string DefaultOutput => Path.Combine(RepositoryRoot.Find(), "tests", "EntityActors.App.Tests", "Replay", "Histories");

    public static RecorderOptions Parse(string[] args)
    {
        var output = DefaultOutput;
        IReadOnlyList<string> builds = [AppBuild.Current, AppBuild.Baseline];
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--out": output = Path.GetFullPath(value); break;
                case "--build": builds = [value]; break;
                case "--only": only = value; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Use --out <folder>, --build current|baseline, --only <scenario>.");
            }

            i++;
        }

        return new RecorderOptions(output, builds, only);
    }
}
