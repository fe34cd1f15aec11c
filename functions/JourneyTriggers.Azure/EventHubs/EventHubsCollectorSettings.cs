using System.Data.Common;
using Azure;
using Microsoft.Extensions.Configuration;

namespace JourneyTriggers.Azure.EventHubs;

/// <summary>
/// Where the HTTP collector publishes, from the app settings: <c>EventHub__Name</c> (the hub the Touchpoints
/// trigger reads) and <c>EventHubConnection__fullyQualifiedNamespace</c> (the trigger's own namespace setting),
/// signed in to with the managed identity. Local only, never written by the template:
/// <c>EventHub__ConnectionString</c>, a namespace's shared access connection string
/// (<c>Endpoint=sb://…/;SharedAccessKeyName=…;SharedAccessKey=…</c>), which replaces the namespace setting.
/// </summary>
public sealed record EventHubsCollectorSettings(Uri Endpoint, string HubName, AzureNamedKeyCredential? SharedAccessKey)
{
    /// <summary>Reads the settings; every missing or malformed one is named, and no value is ever echoed (a connection string holds a key).</summary>
    public static EventHubsCollectorSettings Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        string? Optional(string key) => configuration[key] is { Length: > 0 } value ? value.Trim() : null;
        var hub = Optional("EventHub:Name");
        if (hub is null) problems.Add("EventHub__Name is not set");

        Uri? endpoint = null;
        AzureNamedKeyCredential? key = null;
        if (Optional("EventHub:ConnectionString") is { } connectionString)
            (endpoint, key) = FromConnectionString(connectionString, hub, problems);
        else if (Optional("EventHubConnection:fullyQualifiedNamespace") is not { } host)
            problems.Add("EventHubConnection__fullyQualifiedNamespace is not set (or, locally, EventHub__ConnectionString)");
        else if (Uri.CheckHostName(host) != UriHostNameType.Dns)
            problems.Add("EventHubConnection__fullyQualifiedNamespace must be a host name such as <namespace>.servicebus.windows.net, without scheme or path");
        else
            endpoint = new Uri("https://" + host + "/");

        if (problems.Count > 0)
            throw new InvalidOperationException("The Event Hubs collector cannot start: " + string.Join("; ", problems) + ".");
        return new EventHubsCollectorSettings(endpoint!, hub!, key);
    }

    static (Uri? Endpoint, AzureNamedKeyCredential? Key) FromConnectionString(string text, string? hub, List<string> problems)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = text;
        }
        catch (ArgumentException)
        {
            problems.Add("EventHub__ConnectionString is not a connection string of Key=Value pairs separated by ';'");
            return (null, null);
        }
        string? Part(string name) => parts.TryGetValue(name, out var value) && value is string s && s.Length > 0 ? s : null;
        var keyName = Part("SharedAccessKeyName");
        var key = Part("SharedAccessKey");
        if (keyName is null || key is null)
            problems.Add("EventHub__ConnectionString needs SharedAccessKeyName and SharedAccessKey");
        if (Part("EntityPath") is { } entity && hub is not null && !string.Equals(entity, hub, StringComparison.Ordinal))
            problems.Add("EventHub__ConnectionString is for another hub (its EntityPath differs from EventHub__Name)");
        var endpoint = EndpointOf(Part("Endpoint"), problems);
        return (endpoint, keyName is null || key is null ? null : new AzureNamedKeyCredential(keyName, key));
    }

    /// <summary><c>sb://</c> and <c>https://</c> mean the service over TLS; plain <c>http://</c> only to this machine, so a key never crosses a network in clear.</summary>
    static Uri? EndpointOf(string? text, List<string> problems)
    {
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            problems.Add("EventHub__ConnectionString needs Endpoint=sb://<namespace>.servicebus.windows.net/");
            return null;
        }
        if (uri.Scheme is "sb" or "https") return new Uri("https://" + uri.Authority.Replace(":5671", "", StringComparison.Ordinal) + "/");
        if (uri.Scheme == "http" && uri.IsLoopback) return new Uri("http://" + uri.Authority + "/");
        problems.Add("EventHub__ConnectionString's Endpoint must be sb:// or https:// (http:// only to localhost)");
        return null;
    }
}
