using Azure;
using Microsoft.Extensions.Configuration;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// The hub the hosts push through, from the settings <c>NotificationHubs:Namespace</c>, <c>:HubName</c>,
/// <c>:SasKeyName</c> and <c>:SasKey</c> (infra/app-settings.json), and optionally <c>:Endpoint</c>, a
/// full URL that replaces <c>https://{namespace}.servicebus.windows.net/</c> (a local fake or emulator).
/// </summary>
public sealed record NotificationHubsSettings(Uri Endpoint, string HubName, string SasKeyName, string SasKey)
{
    const string Section = "NotificationHubs";

    /// <summary>
    /// The settings, or null when none of them is set (push stays in the outbox). Set only in part,
    /// or malformed: an <see cref="InvalidOperationException"/> naming every problem at once. Values
    /// are never echoed, the key least of all.
    /// </summary>
    public static NotificationHubsSettings? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Value(string name) => configuration[$"{Section}:{name}"] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var ns = Value("Namespace");
        var endpointText = Value("Endpoint");
        var hub = Value("HubName");
        var keyName = Value("SasKeyName");
        var key = Value("SasKey");
        if (ns is null && endpointText is null && hub is null && keyName is null && key is null) return null;

        var problems = new List<string>();
        Uri? endpoint = null;
        if (endpointText is not null)
        {
            if (Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.AbsolutePath == "/" && uri.Query.Length == 0)
                endpoint = uri;
            else
                problems.Add($"{Setting("Endpoint")} must be an absolute http(s):// URL with no path, such as https://localhost:7443/");
        }
        else if (ns is null)
            problems.Add($"{Setting("Namespace")} is not set (the namespace name, as in <namespace>.servicebus.windows.net)");
        else if (NamespaceName(ns) is { } name)
            endpoint = new Uri($"https://{name}.servicebus.windows.net/");
        else
            problems.Add($"{Setting("Namespace")} must be a namespace name of 6 to 50 letters, digits and hyphens, starting with a letter (or its full host name <namespace>.servicebus.windows.net)");

        if (hub is null) problems.Add($"{Setting("HubName")} is not set");
        else if (hub.Length > 260 || hub.Contains('/', StringComparison.Ordinal)) problems.Add($"{Setting("HubName")} must be a hub name of at most 260 characters without '/'");
        if (keyName is null) problems.Add($"{Setting("SasKeyName")} is not set (the shared access rule's name)");
        if (key is null) problems.Add($"{Setting("SasKey")} is not set (the shared access rule's key)");

        if (problems.Count > 0)
            throw new InvalidOperationException("Notification Hubs is configured only in part: " + string.Join("; ", problems) + ".");
        return new NotificationHubsSettings(endpoint!, hub!, keyName!, key!);
    }

    /// <summary>A client for these settings.</summary>
    public NotificationHubsClient CreateClient(NotificationHubsClientOptions? options = null) =>
        new(Endpoint, HubName, new AzureNamedKeyCredential(SasKeyName, SasKey), options ?? new NotificationHubsClientOptions());

    /// <summary>Keeps the record's printed form free of the key.</summary>
    public override string ToString() => $"NotificationHubsSettings {{ Endpoint = {Endpoint}, HubName = {HubName}, SasKeyName = {SasKeyName} }}";

    static string? NamespaceName(string text)
    {
        const string Suffix = ".servicebus.windows.net";
        var name = text.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) ? text[..^Suffix.Length] : text;
        return name.Length is >= 6 and <= 50 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? name : null;
    }

    /// <summary>The app setting's name, as infra/app-settings.json and the portal spell it.</summary>
    static string Setting(string key) => $"{Section}__{key}";
}
