namespace JourneyTriggers.Azure.Push;

/// <summary>
/// The push services a notification can go to, by the names installations use (<c>apns</c>,
/// <c>fcmv1</c>, <c>wns</c>, as in <c>push.registered</c>), each with the
/// <c>ServiceBusNotification-Format</c> a send to it declares.
/// </summary>
public enum PushPlatform
{
    Apns,
    FcmV1,
    Wns,
}

public static class PushPlatforms
{
    /// <summary>The platform of an installation's <c>platform</c> field (any case); null when it is none we send to.</summary>
    public static PushPlatform? Parse(string? installationPlatform) => installationPlatform?.ToLowerInvariant() switch
    {
        "apns" => PushPlatform.Apns,
        "fcmv1" => PushPlatform.FcmV1,
        "wns" => PushPlatform.Wns,
        _ => null,
    };

    /// <summary>The installation's <c>platform</c> value.</summary>
    public static string InstallationName(this PushPlatform platform) => platform switch
    {
        PushPlatform.Apns => "apns",
        PushPlatform.FcmV1 => "fcmv1",
        PushPlatform.Wns => "wns",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };

    /// <summary>The <c>ServiceBusNotification-Format</c> header of a send to this platform.</summary>
    public static string NotificationFormat(this PushPlatform platform) => platform switch
    {
        PushPlatform.Apns => "apple",
        PushPlatform.FcmV1 => "fcmv1",
        PushPlatform.Wns => "windows",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };
}
