using System.Net.Mail;
using Azure;
using Azure.Core;
using Microsoft.Extensions.Configuration;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// Where reminder email goes through Communication Services: <c>Email:Endpoint</c>, <c>Email:Sender</c>
/// and, off Azure only, <c>Email:AccessKey</c> (the resource's HMAC key; in Azure the managed identity
/// signs in with Entra ID instead, so no key is deployed).
/// </summary>
public sealed record AcsEmailSettings(Uri Endpoint, string Sender, string? AccessKey)
{
    /// <summary>
    /// The settings, or null when <c>Email:Endpoint</c> is not set (email then stays with SMTP or the outbox).
    /// Every problem is reported at once, by setting name; the key's value is never echoed.
    /// </summary>
    public static AcsEmailSettings? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Value(string key) => configuration[key] is { Length: > 0 } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        if (Value("Email:Endpoint") is not { } endpointText) return null;

        var problems = new List<string>();
        var endpoint = ParseEndpoint(endpointText, problems);
        var sender = Value("Email:Sender");
        if (sender is null)
            problems.Add("Email:Sender is not set: give the From address, e.g. DoNotReply@<your verified or Azure-managed domain>");
        else if (!MailAddress.TryCreate(sender, out var parsed) || parsed.Address != sender)
            problems.Add("Email:Sender is not a plain email address (e.g. DoNotReply@example.com, without a display name)");
        var accessKey = Value("Email:AccessKey");
        if (accessKey is not null && !IsBase64(accessKey))
            problems.Add("Email:AccessKey is not base64: copy the Key (not the connection string) from the Communication Services resource's Keys page");

        if (problems.Count > 0)
            throw new InvalidOperationException("Communication Services Email is misconfigured: " + string.Join("; ", problems) + ".");
        return new AcsEmailSettings(endpoint!, sender!, accessKey);
    }

    /// <summary>A client signed with the access key when one is set, else with <paramref name="credential"/> (Entra ID).</summary>
    public AcsEmailClient CreateClient(TokenCredential credential, AcsEmailClientOptions? options = null) =>
        AccessKey is { } key
            ? new AcsEmailClient(Endpoint, new AzureKeyCredential(key), options ?? new AcsEmailClientOptions())
            : new AcsEmailClient(Endpoint, credential, options ?? new AcsEmailClientOptions());

    /// <summary>Never prints the key.</summary>
    public override string ToString() =>
        $"AcsEmailSettings {{ Endpoint = {Endpoint}, Sender = {Sender}, AccessKey = {(AccessKey is null ? "none" : "set")} }}";

    /// <summary>https, or http to a loopback address (a local test double); nothing else carries a key or token.</summary>
    static Uri? ParseEndpoint(string text, List<string> problems)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.UserInfo))
            return uri;
        problems.Add("Email:Endpoint must be the resource's https:// endpoint with no path, e.g. https://<resource>.communication.azure.com");
        return null;
    }

    static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0;
    }
}
