using System.Runtime.InteropServices;

namespace LeadFunctions.TestSupport;

/// <summary>SIGTERM, as `kill` or a service manager stops a process; Process.Kill only sends SIGKILL.</summary>
public static partial class UnixSignals
{
    private const int SigTerm = 15;

    /// <summary>False when the process is already gone.</summary>
    public static bool Terminate(int processId) => SendSignal(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int processId, int signal);
}
