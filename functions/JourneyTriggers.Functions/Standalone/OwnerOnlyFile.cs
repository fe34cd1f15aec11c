namespace JourneyTriggers.Functions.Standalone;

/// <summary>
/// Secrets the service generates for itself (access keys, the unsubscribe signing key) are written
/// under a temporary name with owner-only permissions and then moved into place, so no one else can
/// read them at any moment, and a crash never leaves half a file.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>Creates <paramref name="path"/>; false when another instance created it first (use theirs).</summary>
    public static bool TryCreate(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
            write(stream);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
