using System.Runtime.InteropServices;
using EntityActors.LocalRuntime;
using EntityActors.LocalRuntime.DataOwnership;
using EntityActors.LocalRuntime.Supervision;

LocalRuntimeCommandLine commandLine;
try
{
    commandLine = LocalRuntimeCommandLine.Parse(args);
}
catch (FormatException exception)
{
    await Console.Error.WriteLineAsync($"{exception.Message}{Environment.NewLine}{Environment.NewLine}{LocalRuntimeCommandLine.Usage}");
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(LocalRuntimeCommandLine.Usage);
    return 0;
}

using var stopping = new CancellationTokenSource();
void RequestStop(PosixSignalContext context)
{
    // Handled here: stopping the children in order needs this process to stay alive until they are gone.
    context.Cancel = true;
    stopping.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, RequestStop);

var dataDirectory = commandLine.DataDirectory ?? Path.Combine(RepositoryRoot.Find(), ".dapr-data");
DataDirectoryClaim claim;
try
{
    // Before any file in the folder is touched: a second run would truncate the live one's logs and start servers on its data.
    claim = DataDirectoryClaim.Acquire(dataDirectory);
}
catch (DataDirectoryInUseException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 1;
}

using var ownership = claim;
var restarts = new ProcessRestartOptions();
using var output = new RunOutput(Path.Combine(dataDirectory, "logs"), commandLine.Verbose, Console.Out);
var options = new LocalDaprEnvironmentOptions
{
    AppPort = commandLine.AppPort,
    DaprHttpPort = commandLine.DaprHttpPort,
    DaprGrpcPort = commandLine.DaprGrpcPort,
    DataDirectory = dataDirectory,
    ResourcesPath = commandLine.ResourcesPath,
    Replicas = commandLine.Replicas,
    Store = commandLine.Store,
    AppHealthChecks = true,
    Log = output.Write,
    // A process that exits is started again, as a kubelet would: one pod's failure does not stop the others.
    Restarts = restarts,
    Announce = output.Announce,
};

await using var environment = new LocalTopology(options);
try
{
    if (claim.Previous is { } previous)
    {
        await LeftoverProcesses.StopAsync(previous, options.StopGracePeriod, output.Announce, stopping.Token);
    }

    await environment.StartAsync(stopping.Token);
}
catch (Exception) when (stopping.IsCancellationRequested)
{
    // Ctrl+C in a terminal signals the children too, so a startup wait may see one exit before it sees the cancel.
    Console.WriteLine("Stopped before the runtime was ready.");
    return 130;
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
{
    await Console.Error.WriteLineAsync($"Could not start the local runtime: {exception.Message}{Environment.NewLine}Logs: {output.Directory}");
    return 1;
}

Console.WriteLine();
Console.WriteLine($"EntityActors runs on the real Dapr runtime ({commandLine.Store.ToString().ToLowerInvariant()}, " +
    $"{environment.Replicas.Count} replica(s), ready in {environment.StartupDuration.TotalSeconds:0.0} s).");
foreach (var replica in environment.Replicas)
{
    var name = environment.Replicas.Count > 1 ? $"replica {replica.Index + 1}: " : string.Empty;
    Console.WriteLine($"""
          {name}app               {replica.AppBaseAddress}
          {name}explorer          {new Uri(replica.AppBaseAddress, "explorer/")}
          {name}API docs          {new Uri(replica.AppBaseAddress, "docs")} (OpenAPI: {new Uri(replica.AppBaseAddress, "openapi/v1.json")})
          {name}metrics           {new Uri(replica.AppBaseAddress, "metrics")}
          {name}sidecar metadata  {new Uri(replica.DaprHttpAddress, "v1.0/metadata")}
          {name}sidecar gRPC      {replica.DaprGrpcAddress}
        """);
}

Console.WriteLine($"""
      components        {environment.ResourcesPath}
      state             {environment.DataDirectory}
      logs              {output.Directory} (apps, sidecars, scheduler, placement, store servers{(commandLine.Verbose ? string.Empty : "; --verbose streams them here")})
    A process that exits is started again (after {restarts.InitialDelay.TotalSeconds:0} s, doubling up to {restarts.MaxDelay.TotalSeconds:0} s while it keeps exiting); the others run on.
    Press Ctrl+C to stop.

    """);

try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping apps, sidecars, scheduler, placement, store servers…");
}

await environment.StopAsync();
Console.WriteLine("Stopped.");
return 0;
