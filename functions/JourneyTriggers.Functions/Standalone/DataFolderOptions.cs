namespace JourneyTriggers.Functions.Standalone;

/// <summary>Section <c>Standalone</c>: where the embedded service keeps its files (<c>--data</c>).</summary>
internal sealed class DataFolderOptions
{
    public const string Section = "Standalone";

    /// <summary>Access keys (keys.json), the unsubscribe key and the SQLite store. Relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";
}
