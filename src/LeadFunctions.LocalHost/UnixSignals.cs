using System.Runtime.InteropServices;

namespace LeadFunctions.LocalHost;

/// <summary>SIGTERM for a child process: Process.Kill only sends SIGKILL, which gives Azurite no chance to save.</summary>
internal static partial class UnixSignals
{
    private const int SigTerm = 15;

    /// <summary>False when the process is already gone.</summary>
    public static bool Terminate(int processId) => SendSignal(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int processId, int signal);
}
