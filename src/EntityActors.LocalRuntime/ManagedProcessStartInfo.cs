namespace EntityActors.LocalRuntime;

/// <summary>What <see cref="ManagedProcess.Start"/> runs.</summary>
public sealed record ManagedProcessStartInfo
{
    /// <summary>Short name used in logs and error messages, e.g. <c>daprd</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The program to run.</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments, passed as a list: no quoting rules apply.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// Variables set on top of this process's environment; a <c>null</c> value removes the variable.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Working directory; <c>null</c> keeps the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Receives every line the process writes to stdout or stderr, from a thread-pool thread.</summary>
    public Action<string>? Output { get; init; }

    /// <summary>How many of the last output lines <see cref="ManagedProcess.RecentOutput"/> keeps.</summary>
    public int RecentOutputCapacity { get; init; } = 200;
}
