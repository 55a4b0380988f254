namespace EntityActors.LocalRuntime;

/// <summary>Reading a <c>/proc/&lt;pid&gt;/stat</c> line (Linux), for the run command's process identities and the bench's CPU times.</summary>
public static class ProcStat
{
    /// <summary>
    /// The fields of <paramref name="stat"/> from field 3 (the state) on, so field n is at index n − 3; null when the line
    /// has no command name. The command name (field 2) is in parentheses and may itself hold spaces and parentheses, so
    /// the fields are counted from its last closing one.
    /// </summary>
    public static string[]? FieldsFromState(string stat)
    {
        var nameEnd = stat.LastIndexOf(')');
        return nameEnd < 0 ? null : stat[(nameEnd + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
