using System.Diagnostics;
using EntityActors.Bench.Measuring;

namespace EntityActors.Bench.Tests;

/// <summary>The context switches the multi-replica run counts per signal, read from <c>/proc</c>.</summary>
public sealed class ContextSwitchesTests
{
    [Fact]
    public void A_process_that_waits_repeatedly_adds_a_switch_each_time_it_gives_up_the_processor()
    {
        if (!OperatingSystem.IsLinux())
        {
            CpuTimes.ContextSwitches(Environment.ProcessId).Should().BeNull("only Linux has /proc to read");
            return;
        }

        // A shell of one thread, not this test host: the host's sum over its threads drops whenever one of its pool
        // threads exits (its count goes with it), which made a before-and-after of this process fail now and then.
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "i=0; while [ $i -lt 20 ]; do sleep 0.01; i=$((i+1)); done; echo waited; sleep 30"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            shell.StandardOutput.ReadLine().Should().Be("waited");

            CpuTimes.ContextSwitches(shell.Id).Should().BeGreaterThanOrEqualTo(20, "every wait for a child blocks the shell, a voluntary switch");
        }
        finally
        {
            shell.Kill();
        }
    }

    [Fact]
    public void A_process_with_children_counts_theirs_too_and_a_process_that_is_gone_has_none()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The shell waits for each of its 200 short-lived children in turn: at least one switch of its own each time.
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "i=0; while [ $i -lt 200 ]; do sleep 0.001; i=$((i+1)); done; exec sleep 30"])
        {
            UseShellExecute = false,
        })!;
        try
        {
            var clock = Stopwatch.StartNew();
            while (CpuTimes.ContextSwitches(child.Id) is < 200 && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(20);
            }

            // Counters only grow: read the child's first, the parent's own next, then both together.
            var childs = CpuTimes.ContextSwitches(child.Id);
            var own = CpuTimes.ContextSwitches(Environment.ProcessId);
            var withChildren = CpuTimes.ContextSwitches(Environment.ProcessId, withChildren: true);

            childs.Should().BeGreaterThanOrEqualTo(200);
            withChildren.Should().BeGreaterThanOrEqualTo(own!.Value + childs!.Value, "the live child's switches are added to the parent's");
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }

        CpuTimes.ContextSwitches(child.Id).Should().BeNull("the process has exited and been waited for");
    }

    [Fact]
    public void This_process_keeps_the_switches_of_threads_that_ended_during_a_window()
    {
        if (!OperatingSystem.IsLinux())
        {
            ContextSwitchCounts.Read(Environment.ProcessId).Should().BeNull("only Linux has the counters");
            return;
        }

        var before = ContextSwitchCounts.Read(Environment.ProcessId)!;

        // Four threads that each give up the processor 50 times and end before the window closes: a sum over the live
        // threads lost all of theirs (and could read fewer switches at the end than at the start).
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                Thread.Sleep(1);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        ContextSwitchCounts.Read(Environment.ProcessId)!.Since(before).Should().BeGreaterThanOrEqualTo(200, "each sleep of an ended thread was a switch");
    }
}
