namespace EntityActors.LocalRuntime;

/// <summary>Finds the checkout this code runs from, so defaults can point at its components and build output.</summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the repository root.</summary>
    public const string MarkerFileName = "EntityActors.sln";

    /// <summary>
    /// Walks up from the running assembly's folder, then from the current directory, to the folder holding
    /// <see cref="MarkerFileName"/>; <c>null</c> when neither is inside a checkout.
    /// </summary>
    public static string? TryFind() =>
        WalkUp(AppContext.BaseDirectory) ?? WalkUp(Directory.GetCurrentDirectory());

    /// <summary>Like <see cref="TryFind"/>, but throws when no checkout is found.</summary>
    /// <exception cref="InvalidOperationException">Neither starting folder is inside a checkout.</exception>
    public static string Find() =>
        TryFind() ?? throw new InvalidOperationException(
            $"Could not find the repository root (the folder holding {MarkerFileName}) above " +
            $"'{AppContext.BaseDirectory}' or '{Directory.GetCurrentDirectory()}'. Run from inside the checkout " +
            "or set every path in LocalDaprEnvironmentOptions explicitly.");

    private static string? WalkUp(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, MarkerFileName)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
