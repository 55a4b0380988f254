namespace EntityActors.Deploy.Tests.Support;

/// <summary>etcd or kube-apiserver stopped before the API server was ready (typically: its port was taken).</summary>
internal sealed class ServerExitedException(string message) : Exception(message);
