using System.Runtime.InteropServices;

namespace Portal.E2E.TestSupport;

public partial class PortalApp
{
    // SIGTERM, as systemd or Ctrl-C ends `./portal run`: Process.Kill only sends SIGKILL, which skips shutdown.
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
