using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EntityActors.Deploy.Tests.Support;

/// <summary>
/// A real kube-apiserver 1.34 with etcd on free loopback ports, the Dapr 1.18 CRDs installed and the app's
/// namespace created: it validates objects as a cluster would (built-in kinds, CRD schemas, strict field
/// checks, Pod Security Admission) but schedules nothing. Started once per collection, torn down even when
/// start-up fails half way. Binaries come from <c>K8S_BIN</c> if set, else from <c>../shared/k8s/install</c>.
/// </summary>
public sealed class KubernetesApiServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly IMessageSink diagnostics;
    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), $"entityactors-k8s-{Guid.NewGuid():N}");
    private readonly string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private readonly List<BackgroundProcess> processes = [];
    private bool stopped;

    public KubernetesApiServerFixture(IMessageSink diagnostics) => this.diagnostics = diagnostics;

    /// <summary>From launching etcd to the API server answering <c>/readyz</c>.</summary>
    public TimeSpan StartupDuration { get; private set; }

    /// <summary>Everything: unpacking binaries, keys, start-up, CRDs established, namespace created.</summary>
    public TimeSpan ProvisioningDuration { get; private set; }

    public string KubeconfigPath => Path.Combine(workDirectory, "kubeconfig");

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    public Task DisposeAsync() => StopAsync();

    /// <summary>kubectl against this server; its discovery cache lives in the work directory, not in ~/.kube.</summary>
    internal Task<ProcessResult> KubectlAsync(params string[] arguments) =>
        Kubectl.RunAsync(["--kubeconfig", KubeconfigPath, "--cache-dir", Path.Combine(workDirectory, "kube-cache"), .. arguments]);

    /// <summary><c>kubectl apply --dry-run=server -k deploy/{kustomization}</c>: validated and admitted, never stored.</summary>
    internal Task<ProcessResult> DryRunKustomizationAsync(string kustomization) =>
        KubectlAsync("apply", "--dry-run=server", "-k", RepositoryLayout.Kustomization(kustomization));

    /// <summary>Writes <paramref name="yaml"/> to a temporary file and applies it with <c>--dry-run=server</c>.</summary>
    internal async Task<ProcessResult> DryRunAsync(string yaml)
    {
        var file = Path.Combine(workDirectory, $"manifests-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return await KubectlAsync("apply", "--dry-run=server", "-f", file);
    }

    private async Task StartAsync()
    {
        var provisioning = Stopwatch.StartNew();
        Directory.CreateDirectory(workDirectory);
        var bin = await InstallBinariesAsync();
        Report($"kube-apiserver and etcd in {bin} after {provisioning.Elapsed.TotalSeconds:F1} s");
        var crds = Environment.GetEnvironmentVariable("DAPR_CRDS_DIR") is { Length: > 0 } crdsOverride
            ? crdsOverride
            : Path.Combine(RepositoryLayout.SharedKubernetes, "dapr-crds");
        if (!Directory.Exists(crds))
        {
            throw new InvalidOperationException($"The Dapr CRDs are missing: expected them in {crds} (or set DAPR_CRDS_DIR).");
        }

        await RunCheckedAsync("openssl", ["genrsa", "-out", "sa.key", "2048"]);
        await RunCheckedAsync("openssl", ["rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub"]);
        await File.WriteAllTextAsync(Path.Combine(workDirectory, "tokens.csv"), $"{token},admin,admin-uid,\"system:masters\"\n");

        Report($"keys ready after {provisioning.Elapsed.TotalSeconds:F1} s");
        var apiServerPort = await StartServersAsync(bin);

        await File.WriteAllTextAsync(KubeconfigPath, Kubeconfig(apiServerPort));
        await KubectlCheckedAsync("apply", "-f", crds);
        await KubectlCheckedAsync("wait", "--for", "condition=established", "crd", "--all", "--timeout=60s");
        Report($"Dapr CRDs established after {provisioning.Elapsed.TotalSeconds:F1} s");
        await CreateNamespacesAsync();
        ProvisioningDuration = provisioning.Elapsed;
        Report($"API server provisioned (binaries, keys, start-up, CRDs, namespace) in {ProvisioningDuration.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Starts etcd and kube-apiserver and waits for <c>/readyz</c>. A free port can be taken by another process
    /// between the probe and the bind (other test assemblies pick ports too), so a server that exits during
    /// start-up is retried on new ports, from a clean data directory.
    /// </summary>
    private async Task<int> StartServersAsync(string bin)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var (etcdClientPort, etcdPeerPort, apiServerPort) = FreeLoopbackPorts();
            var startup = Stopwatch.StartNew();
            processes.Add(BackgroundProcess.Start("etcd", Path.Combine(bin, "etcd"),
            [
                "--data-dir", "etcd",
                "--listen-client-urls", $"http://127.0.0.1:{etcdClientPort}",
                "--advertise-client-urls", $"http://127.0.0.1:{etcdClientPort}",
                "--listen-peer-urls", $"http://127.0.0.1:{etcdPeerPort}",
                "--initial-advertise-peer-urls", $"http://127.0.0.1:{etcdPeerPort}",
                "--initial-cluster", $"default=http://127.0.0.1:{etcdPeerPort}",
                "--log-level", "warn",
            ], workDirectory, diagnostics));
            processes.Add(BackgroundProcess.Start("kube-apiserver", Path.Combine(bin, "kube-apiserver"),
            [
                "--etcd-servers", $"http://127.0.0.1:{etcdClientPort}",
                "--bind-address", "127.0.0.1",
                "--advertise-address", "127.0.0.1",
                "--secure-port", apiServerPort.ToString(CultureInfo.InvariantCulture),
                "--cert-dir", "certs",
                "--token-auth-file", "tokens.csv",
                "--authorization-mode", "RBAC",
                "--service-account-issuer", "https://kubernetes.default.svc",
                "--service-account-key-file", "sa.pub",
                "--service-account-signing-key-file", "sa.key",
                "--service-cluster-ip-range", "10.96.0.0/24",
                "--disable-admission-plugins", "ServiceAccount",
            ], workDirectory, diagnostics));
            try
            {
                await WaitUntilReadyAsync(apiServerPort);
                StartupDuration = startup.Elapsed;
                Report($"kube-apiserver ready on 127.0.0.1:{apiServerPort} in {StartupDuration.TotalSeconds:F1} s (attempt {attempt})");
                return apiServerPort;
            }
            catch (ServerExitedException exception) when (attempt < attempts)
            {
                Report($"Start-up attempt {attempt} failed, retrying on new ports: {exception.Message}");
                await StopProcessesAsync();
                foreach (var directory in new[] { "etcd", "certs" }.Select(name => Path.Combine(workDirectory, name)).Where(Directory.Exists))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }
    }

    private async Task<string> InstallBinariesAsync()
    {
        if (Environment.GetEnvironmentVariable("K8S_BIN") is { Length: > 0 } provided)
        {
            var missing = new[] { "etcd", "kube-apiserver" }.Where(binary => !File.Exists(Path.Combine(provided, binary))).ToList();
            return missing.Count == 0
                ? provided
                : throw new InvalidOperationException($"K8S_BIN={provided} lacks {string.Join(" and ", missing)}.");
        }

        var install = Path.Combine(RepositoryLayout.SharedKubernetes, "install");
        if (!File.Exists(install))
        {
            throw new InvalidOperationException(
                $"kube-apiserver and etcd are needed to validate the manifests, and neither K8S_BIN nor {install} exists. "
                + "Lay the shared/ folder beside the repository (it carries kube-apiserver.xz, etcd.xz and install), "
                + "or set K8S_BIN to a folder holding both binaries.");
        }

        var bin = Path.Combine(workDirectory, "bin");
        var result = await CommandRunner.RunAsync(install, [bin], workingDirectory: workDirectory);
        return result.Succeeded
            ? result.StandardOutput.Trim()
            : throw new InvalidOperationException($"Installing kube-apiserver and etcd failed:{Environment.NewLine}{result}");
    }

    private async Task WaitUntilReadyAsync(int port)
    {
        var certificate = Path.Combine(workDirectory, "certs", "apiserver.crt");
        var deadline = Stopwatch.StartNew();
        HttpClient? client = null;
        try
        {
            while (true)
            {
                foreach (var process in processes.Where(process => process.HasExited))
                {
                    throw new ServerExitedException($"{process.Name} exited during start-up. Last output:{Environment.NewLine}{process.Tail}");
                }

                if (deadline.Elapsed > ReadyTimeout)
                {
                    throw new TimeoutException(
                        $"kube-apiserver not ready within {ReadyTimeout.TotalSeconds} s. Last output:{Environment.NewLine}"
                        + string.Join(Environment.NewLine, processes.Select(process => $"[{process.Name}]{Environment.NewLine}{process.Tail}")));
                }

                client ??= TryCreateClient(certificate, port);
                if (client is not null && await IsReadyAsync(client))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>
    /// A client that trusts exactly the self-signed CA the API server wrote into its cert dir (no validation
    /// switched off); null until that file is complete.
    /// </summary>
    private HttpClient? TryCreateClient(string certificateFile, int port)
    {
        if (!File.Exists(certificateFile))
        {
            return null;
        }

        var trusted = new X509Certificate2Collection();
        try
        {
            trusted.ImportFromPemFile(certificateFile);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(trusted);
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy } };
        var client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(5),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The namespace comes from the base's own Namespace object, so its Pod Security labels are in force.</summary>
    private async Task CreateNamespacesAsync()
    {
        var namespaces = (await ManifestSet.RenderAsync("base")).OfKind("Namespace").ToList();
        if (namespaces.Count == 0)
        {
            throw new InvalidOperationException("deploy/base renders no Namespace.");
        }

        var file = Path.Combine(workDirectory, "namespaces.yaml");
        await File.WriteAllTextAsync(file, new ManifestSet(namespaces).ToYaml());
        await KubectlCheckedAsync("apply", "-f", file);
    }

    private string Kubeconfig(int port) =>
        $"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: offline
            cluster:
              server: https://127.0.0.1:{port}
              certificate-authority: {Path.Combine(workDirectory, "certs", "apiserver.crt")}
        users:
          - name: admin
            user:
              token: {token}
        contexts:
          - name: offline
            context:
              cluster: offline
              user: admin
        current-context: offline

        """;

    private static (int EtcdClient, int EtcdPeer, int ApiServer) FreeLoopbackPorts()
    {
        // Held open together so the three are distinct; released just before the servers bind them.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }

    private async Task RunCheckedAsync(string fileName, string[] arguments)
    {
        var result = await CommandRunner.RunAsync(fileName, arguments, workingDirectory: workDirectory);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Start-up step failed:{Environment.NewLine}{result}");
        }
    }

    private async Task KubectlCheckedAsync(params string[] arguments)
    {
        var result = await KubectlAsync(arguments);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Start-up step failed:{Environment.NewLine}{result}");
        }
    }

    private async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await StopProcessesAsync();
        try
        {
            if (Directory.Exists(workDirectory))
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }
        catch (IOException exception)
        {
            Report($"Could not delete {workDirectory}: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            Report($"Could not delete {workDirectory}: {exception.Message}");
        }
    }

    private async Task StopProcessesAsync()
    {
        for (var index = processes.Count - 1; index >= 0; index--)
        {
            await processes[index].DisposeAsync();
        }

        processes.Clear();
    }

    private void Report(string message) => diagnostics.OnMessage(new DiagnosticMessage(message));
}
