using Dapr;
using Dapr.Actors;
using EntityActors.App.Engine.Diagnostics;
using EntityActors.App.Engine.SingleWriter;
using Grpc.Core;

namespace EntityActors.App.Tests.Engine.Diagnostics;

/// <summary>Each message the Dapr runtime 1.18 gives for a case the engine handles, as it reaches the .NET SDKs.</summary>
public class DaprErrorsTests
{
    [Fact]
    public void Scheduling_over_a_running_instance_is_recognised_though_its_status_is_unknown()
    {
        var error = new RpcException(new Status(StatusCode.Unknown, "an active workflow with ID 'accounts-a1' already exists"));

        DaprErrors.IsWorkflowAlreadyRunning(error).Should().BeTrue();
        DaprErrors.IsWorkflowAlreadyRunning(new RpcException(new Status(StatusCode.Unknown, "no such instance exists"))).Should().BeFalse();
    }

    [Fact]
    public void A_torn_read_of_a_workflow_instance_is_recognised_only_as_an_rpc_error()
    {
        var torn = new RpcException(new Status(StatusCode.Unknown, "failed to load workflow state: history event 3 missing from state store"));

        DaprErrors.IsTornWorkflowRead(torn).Should().BeTrue();
        DaprErrors.IsTornWorkflowRead(new InvalidOperationException("missing from state store")).Should().BeFalse();
        DaprErrors.IsTornWorkflowRead(new RpcException(new Status(StatusCode.Unavailable, "connection refused"))).Should().BeFalse();
    }

    [Fact]
    public void A_refused_first_write_is_recognised_however_deep_the_sdk_wraps_it()
    {
        var refused = new DaprException(
            "State operation failed: the Dapr endpoint indicated a failure.",
            new RpcException(new Status(StatusCode.Aborted, "failed to execute transaction: possible etag mismatch. error from state store: ETag mismatch")));

        DaprErrors.IsWriteConflict(refused).Should().BeTrue();
        DaprErrors.IsWriteConflict(new DaprException("State operation failed", new RpcException(new Status(StatusCode.Unavailable, "database is locked")))).Should().BeFalse();
    }

    [Fact]
    public void An_ended_entity_is_recognised_in_process_and_through_the_sidecar()
    {
        var inProcess = new EntityUnavailableException("The workflow of accounts/a1 is Failed");
        var routed = new ActorMethodInvocationException(
            "Remote Actor Method Exception,  DETAILS: Exception: EntityUnavailableException, Method Name: ThrowIfEnded", inProcess, isTransient: false);
        var remote = new ActorMethodInvocationException("Remote Actor Method Exception, DETAILS: EntityActors.App.Engine.SingleWriter.EntityUnavailableException: ended", isTransient: false);

        DaprErrors.IsEntityUnavailable(inProcess).Should().BeTrue();
        DaprErrors.IsEntityUnavailable(routed).Should().BeTrue();
        DaprErrors.IsEntityUnavailable(remote).Should().BeTrue();
        DaprErrors.IsEntityUnavailable(new ActorMethodInvocationException("Remote Actor Method Exception, DETAILS: TimeoutException", isTransient: true)).Should().BeFalse();
    }
}
