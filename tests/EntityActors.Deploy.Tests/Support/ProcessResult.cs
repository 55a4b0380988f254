namespace EntityActors.Deploy.Tests.Support;

/// <summary>How a finished command ended and what it printed.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() =>
        $"$ {Command}{Environment.NewLine}exit {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{StandardOutput}--- stderr ---{Environment.NewLine}{StandardError}";
}
