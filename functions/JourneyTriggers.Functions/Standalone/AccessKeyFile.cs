using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Http.Auth;
using Microsoft.Extensions.Options;

namespace JourneyTriggers.Functions.Standalone;

/// <summary>
/// The access keys in force: from configuration (Auth:IngestionKeys, Auth:AdminKey) where set, else
/// from <c>{data}/keys.json</c>, which the first start fills with fresh random keys readable only by
/// the user running the service, and every later start reuses.
/// </summary>
internal static class AccessKeyFile
{
    public const string FileName = "keys.json";
    public const string IngestionKeyPrefix = "jt_ingest_";

    public static AccessKeys Resolve(IServiceProvider services)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccessKeyFile));
        var ingestion = auth.IngestionKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray();
        var admin = string.IsNullOrWhiteSpace(auth.AdminKey) ? null : auth.AdminKey;
        if (ingestion.Length > 0 && admin is not null)
        {
            Log.KeysLoaded(logger, "configuration");
            return new AccessKeys(ingestion, admin, new KeyOrigin.Configured());
        }

        var directory = Path.GetFullPath(services.GetRequiredService<IOptions<DataFolderOptions>>().Value.DataDirectory);
        var path = Path.Combine(directory, FileName);
        var (file, generated) = File.Exists(path) ? (Read(path), false) : Create(path);
        if (generated) Log.KeysGenerated(logger, path);
        else Log.KeysLoaded(logger, path);
        KeyOrigin origin = generated
            ? new KeyOrigin.Generated(path, ingestion.Length > 0 ? null : file.IngestionKeys[0], admin is null ? file.AdminKey : null)
            : new KeyOrigin.FromFile(path, ingestion.Length > 0);
        return new AccessKeys(ingestion.Length > 0 ? ingestion : file.IngestionKeys, admin ?? file.AdminKey, origin);
    }

    static KeyFileContent Read(string path)
    {
        try
        {
            var content = JsonSerializer.Deserialize<KeyFileContent>(File.ReadAllBytes(path), JsonSerializerOptions.Web);
            if (content is { IngestionKeys: [_, ..], AdminKey.Length: > 0 } && content.IngestionKeys.All(k => k.Length > 0)) return content;
            throw new StartupRefusedException($"{path}: needs \"ingestionKeys\" (a non-empty list) and \"adminKey\". Fix it, or delete it to generate new keys.");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"{path}: cannot be read as a key file ({e.Message}). Fix it, or delete it to generate new keys.");
        }
    }

    static (KeyFileContent Content, bool Generated) Create(string path)
    {
        var content = new KeyFileContent([NewKey(IngestionKeyPrefix)], NewKey("jt_admin_"));
        try
        {
            return OwnerOnlyFile.TryCreate(path, stream => JsonSerializer.Serialize(stream, content, Indented))
                ? (content, true)
                : (Read(path), false); // another instance sharing the data directory got there first
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"Cannot write the access keys to {path} ({e.Message}). Give --data a writable directory, or set Auth:IngestionKeys and Auth:AdminKey.");
        }
    }

    /// <summary>256 random bits, URL-safe so the key pastes into a header, a shell or a Segment SDK unchanged.</summary>
    static string NewKey(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    sealed record KeyFileContent(string[] IngestionKeys, string AdminKey);
}
