using System.Globalization;
using JourneyTriggers.Standalone;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// <c>Standalone:DocumentCacheMegabytes</c>: how much of the customer documents (serialized size, MiB) the standalone
/// store keeps parsed in memory. Whole megabytes, because the figure is sized against the machine's memory.
/// </summary>
internal static class DocumentCacheSize
{
    public const string Setting = "Standalone:DocumentCacheMegabytes";

    /// <summary>1 TiB of documents: anything larger is a typo, and would overflow nothing but the machine.</summary>
    const long MaxMegabytes = 1024 * 1024;

    public static long Bytes(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return StandaloneOptions.DefaultDocumentCacheBytes;
        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) || megabytes > MaxMegabytes)
            throw new StartupRefusedException(
                $"{Setting} is '{text}', not a whole number of megabytes from 0 to {MaxMegabytes}. " +
                $"It bounds the customer documents kept in memory (0 keeps none; unset: {StandaloneOptions.DefaultDocumentCacheBytes / (1024 * 1024)}).");
        return megabytes * 1024 * 1024;
    }
}
