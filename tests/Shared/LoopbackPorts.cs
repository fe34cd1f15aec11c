using System.Net;
using System.Net.Sockets;

namespace JourneyTriggers.Tests.Support;

/// <summary>
/// Loopback ports for servers a test starts. They are picked from 20000–32767, below the ephemeral ranges of
/// Linux (32768–60999), Windows and macOS (49152–65535): the kernel hands ephemeral ports to every outgoing
/// connection too, so a port freed there can be taken by any client socket of the test assemblies running
/// side by side before the server binds it. CI saw exactly that (Azurite exiting with EADDRINUSE).
/// </summary>
internal static class LoopbackPorts
{
    const int Lowest = 20000;
    const int AboveHighest = 32768;

    /// <summary>A port nothing on loopback listens on at this moment.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, AboveHighest);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException($"No free loopback port in {Lowest}–{AboveHighest - 1} after 1000 tries.");
    }

    /// <summary><paramref name="count"/> distinct free ports.</summary>
    public static int[] Free(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count) ports.Add(Free());
        return [.. ports];
    }
}
