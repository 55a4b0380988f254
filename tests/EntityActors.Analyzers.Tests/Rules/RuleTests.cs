using EntityActors.Analyzers.Tests.Support;

namespace EntityActors.Analyzers.Tests.Rules;

public sealed class RuleTests
{
    [Fact]
    public Task Reading_the_machine_clock_in_a_workflow_is_EA0001() => Verify.InWorkflowAsync(ForbiddenSnippets.WallClock);

    [Fact]
    public Task Making_a_guid_in_a_workflow_is_EA0002() => Verify.InWorkflowAsync(ForbiddenSnippets.NewGuid);

    [Fact]
    public Task Drawing_random_numbers_in_a_workflow_is_EA0003() => Verify.InWorkflowAsync(ForbiddenSnippets.Randomness);

    [Fact]
    public Task Starting_work_on_another_thread_in_a_workflow_is_EA0004() => Verify.InWorkflowAsync(ForbiddenSnippets.BackgroundWork);

    [Fact]
    public Task Waiting_on_a_real_timer_in_a_workflow_is_EA0005() => Verify.InWorkflowAsync(ForbiddenSnippets.RealDelay);

    [Fact]
    public Task Measuring_real_elapsed_time_in_a_workflow_is_EA0006() => Verify.InWorkflowAsync(ForbiddenSnippets.ElapsedTime);

    [Fact]
    public Task Using_HttpClient_in_a_workflow_is_EA0007() => Verify.InWorkflowAsync(ForbiddenSnippets.Http);

    [Fact]
    public Task File_system_io_in_a_workflow_is_EA0008() => Verify.InWorkflowAsync(ForbiddenSnippets.FileSystem);

    [Fact]
    public Task Reading_or_changing_the_process_environment_in_a_workflow_is_EA0009() =>
        Verify.InWorkflowAsync(ForbiddenSnippets.ProcessEnvironment);

    [Fact]
    public Task Console_io_in_a_workflow_is_EA0010() => Verify.InWorkflowAsync(ForbiddenSnippets.Console);

    [Fact]
    public Task Reading_or_writing_mutable_static_state_in_a_workflow_is_EA0011_while_readonly_const_and_computed_statics_are_fine() =>
        Verify.InWorkflowAsync(ForbiddenSnippets.StaticStateAccess);

    [Fact]
    public Task Declaring_mutable_static_state_in_a_workflow_class_is_EA0012_while_static_readonly_and_const_are_fine() =>
        Verify.InWorkflowAsync("await Task.CompletedTask;", ForbiddenSnippets.StaticStateDeclaration);
}
