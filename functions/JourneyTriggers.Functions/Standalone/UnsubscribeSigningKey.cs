using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Functions.Hosting;

namespace JourneyTriggers.Functions.Standalone;

/// <summary>
/// The key that signs unsubscribe links: <c>Unsubscribe:SigningKey</c> where set (Azure: a Key Vault
/// reference), else <c>{data}/unsubscribe.key</c>, generated on the first start and kept, so links
/// in emails already sent stay valid across restarts.
/// </summary>
internal static class UnsubscribeSigningKey
{
    public const string FileName = "unsubscribe.key";

    public static string Resolve(IConfiguration configuration, string dataDirectory)
    {
        if (configuration["Unsubscribe:SigningKey"] is { Length: > 0 } configured) return configured;
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        try
        {
            if (!File.Exists(path))
            {
                var key = UnsubscribeTokens.GenerateKey();
                if (OwnerOnlyFile.TryCreate(path, stream => stream.Write(System.Text.Encoding.ASCII.GetBytes(key)))) return key;
            }
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"Cannot keep the unsubscribe signing key in {path} ({e.Message}). Give --data a writable directory, or set Unsubscribe:SigningKey.");
        }
    }
}
