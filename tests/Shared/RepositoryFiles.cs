namespace JourneyTriggers.Tests.Support;

/// <summary>
/// Finds files of this repository (samples, templates, fixtures, function definitions) from wherever
/// the tests run. One copy, compiled into every test project that needs it.
/// </summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JourneyTriggers.sln"))) return dir.FullName;
        throw new InvalidOperationException("JourneyTriggers.sln not found above " + AppContext.BaseDirectory);
    }
}
