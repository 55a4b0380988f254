using System.Runtime.InteropServices;
using EntityActors.Bench;
using EntityActors.Bench.ScaleOut.Reference;

using var stopping = new CancellationTokenSource();
void RequestStop(PosixSignalContext context)
{
    // Handled here: the environments must stop their processes before this one exits.
    context.Cancel = true;
    stopping.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

return args is [ReferenceService.Command, ..]
    ? await ReferenceService.RunAsync(args, stopping.Token)
    : await BenchCommand.RunAsync(args, Console.Out, stopping.Token);
