using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace JourneyTriggers.Azure;

/// <summary>
/// Reads <see cref="AzureOptions"/> and reports every problem at once, by setting name, so a deployment
/// with three missing settings is fixed in one go. Values are never echoed: a connection string holds a key.
/// </summary>
internal static class AzureOptionsReader
{
    public static AzureOptions Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        string? Optional(string key) => configuration[key] is { Length: > 0 } value ? value.Trim() : null;
        string Required(string key)
        {
            if (Optional(key) is { } value) return value;
            problems.Add($"{Setting(key)} is not set");
            return "";
        }
        Uri? Endpoint(string key, bool needed)
        {
            if (!needed) return null;
            var text = Required(key);
            if (text.Length == 0) return null;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps) return uri;
            problems.Add($"{Setting(key)} must be an absolute https:// URL");
            return null;
        }

        var cosmosConnection = Optional("Cosmos:ConnectionString");
        var storageConnection = Optional("Storage:ConnectionString");
        var ttlDays = 90d;
        if (Optional("Cosmos:AnonymousTtlDays") is { } days
            && (!double.TryParse(days, NumberStyles.Float, CultureInfo.InvariantCulture, out ttlDays) || ttlDays is <= 0 or > 3650))
            problems.Add($"{Setting("Cosmos:AnonymousTtlDays")} must be a number of days between 0 and 3650");

        TimeSpan TimeSpanSetting(string key, TimeSpan fallback, TimeSpan min, TimeSpan max, string rule)
        {
            if (Optional(key) is not { } text) return fallback;
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
            problems.Add($"{Setting(key)} must be a duration like {rule}");
            return fallback;
        }
        var maxWakeUpDelay = TimeSpanSetting("TimerQueue:MaxWakeUpDelay", TimeSpan.FromDays(7), TimeSpan.FromSeconds(1), TimeSpan.FromDays(7),
            "00:00:30 or 7.00:00:00, between 1 second and 7 days");
        var firstRetry = TimeSpanSetting("Delivery:FirstRetry", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1),
            "00:00:30, between 1 second and 1 hour");
        var callTimeout = TimeSpanSetting("Delivery:CallTimeout", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(15),
            "00:05:00, between 10 seconds and 15 minutes");

        var options = new AzureOptions
        {
            Cosmos = new CosmosOptions
            {
                Endpoint = Endpoint("Cosmos:Endpoint", cosmosConnection is null),
                ConnectionString = cosmosConnection,
                Database = Required("Cosmos:Database"),
                Container = Required("Cosmos:Container"),
                AnonymousTimeToLive = TimeSpan.FromDays(ttlDays),
            },
            Storage = new StorageOptions
            {
                QueueServiceUri = Endpoint("Storage:QueueServiceUri", storageConnection is null),
                BlobServiceUri = Endpoint("Storage:BlobServiceUri", storageConnection is null),
                ConnectionString = storageConnection,
                TimerQueue = Required("TimerQueue:Name"),
                MaxWakeUpDelay = maxWakeUpDelay,
                DeadLetterContainer = Optional("DeadLetter:Container") ?? "dead-letters",
            },
            ManagedIdentityClientId = Optional("AZURE_CLIENT_ID"),
            DeliveryFirstRetry = firstRetry,
            DeliveryCallTimeout = callTimeout,
        };
        if (problems.Count > 0)
            throw new InvalidOperationException("The Azure adapters cannot start: " + string.Join("; ", problems) + ".");
        return options;
    }

    /// <summary>The app setting's name, as infra/app-settings.json and the portal spell it.</summary>
    static string Setting(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
