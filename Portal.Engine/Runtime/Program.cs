namespace Portal.Engine.Runtime;

/// <summary>
/// portal-init: <c>shim &lt;stateDir&gt;</c> is stage1, the container's monitor; <c>init &lt;stateDir&gt;</c> is
/// stage2, which becomes the container's PID 1. See docs/architecture.md for the process model.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "shim")
        {
            return Shim.Run(args[1]);
        }

        if (args.Length == 2 && args[0] == "init")
        {
            return Init.Run(args[1]);
        }

        Console.Error.WriteLine("portal-init: usage: portal-init shim|init <state-dir>");
        return 2;
    }
}
