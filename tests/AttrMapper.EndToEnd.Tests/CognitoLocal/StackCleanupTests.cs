using AttrMapper.Demo.Stack;
using AttrMapper.Tests;

namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>Stopping the stack leaves no process behind: both cognito-local node processes and the bootstrap are gone.</summary>
public sealed class StackCleanupTests
{
    [Fact]
    public async Task Dispose_StartedStack_NoProcessLeft()
    {
        var stack = await LocalMigrationStack.StartAsync(new MigrationStackOptions
        {
            RepositoryRoot = RepositoryFiles.Root,
            BootstrapPath = BootstrapProcess.BinaryPath,
            InitialMap = StackFixture.DemoMap,
            OwnProcessGroups = true,
        });
        int[] pids = [stack.OldPool.ProcessId, stack.NewPool.ProcessId, stack.Function.ChildProcessId ?? 0];
        pids.ShouldAllBe(p => p > 0 && Alive(p));

        await stack.DisposeAsync();

        pids.Where(Alive).ShouldBeEmpty();
    }

    /// <summary>Running or stopped, not a zombie waiting to be reaped (those hold no resources and are not "left behind").</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
