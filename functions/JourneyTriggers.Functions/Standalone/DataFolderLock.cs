using JourneyTriggers.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace JourneyTriggers.Functions.Standalone;

/// <summary>
/// One service per data folder: two would each pump the same inbox, fire the same timers and send the same
/// reminders. The lock is the operating system's (an exclusive lock on <c>{data}/service.lock</c>, flock on Linux and
/// macOS, a share lock on Windows), so a killed process leaves nothing to clean up: it goes with the process.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    public const string FileName = "service.lock";

    readonly FileStream file;

    DataFolderLock(FileStream file) => this.file = file;

    public static DataFolderLock Take(IServiceProvider services)
    {
        var dataDirectory = Path.GetFullPath(services.GetRequiredService<IOptions<DataFolderOptions>>().Value.DataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            return new DataFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (HeldElsewhere(e))
        {
            throw new StartupRefusedException(
                $"JourneyTriggers cannot start: another JourneyTriggers process is using the data folder {dataDirectory} (it holds {path}). " +
                "Stop that one, or give this one a folder of its own with --data DIR.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"JourneyTriggers cannot start: {path} cannot be opened ({e.Message}). Check the data folder's permissions and free space, or use another with --data DIR.");
        }
    }

    /// <summary>
    /// The operating system's "locked by someone else", told apart from a full disk or a read-only folder: flock's
    /// EWOULDBLOCK (the HResult is the errno: 11 on Linux, 35 on macOS), or Windows' sharing violation.
    /// </summary>
    static bool HeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);

    public void Dispose() => file.Dispose();
}
