using EntityActors.LocalRuntime.Supervision;

namespace EntityActors.LocalRuntime;

/// <summary>The replica's two processes as places a supervisor fills again when their process exits.</summary>
public sealed partial class LocalReplica
{
    internal IEnumerable<SupervisedProcess> Supervised(Func<bool> wanted)
    {
        if (Options.RunApp)
        {
            yield return new SupervisedProcess
            {
                Current = () => app,
                StartAgainAsync = async token =>
                {
                    await ProcessLauncher.StopAsync(app, TimeSpan.Zero, token);
                    app = StartApp();
                },
                Wanted = wanted,
            };
        }

        yield return new SupervisedProcess
        {
            Current = () => daprd,
            StartAgainAsync = async token =>
            {
                await ProcessLauncher.StopAsync(daprd, TimeSpan.Zero, token);
                daprd = StartDaprd();
            },
            Wanted = wanted,
        };
    }
}
