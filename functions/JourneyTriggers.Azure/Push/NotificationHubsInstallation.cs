namespace JourneyTriggers.Azure.Push;

/// <summary>
/// An installation as the Installations API knows it: the device (<see cref="PushChannel"/>, the
/// platform's token or channel URI) on its <see cref="Platform"/> (<c>apns</c>, <c>fcmv1</c>, <c>wns</c>…),
/// with tags and a user id to address it by. <see cref="PushChannelExpired"/> is read-only: the hub
/// sets it when the platform reported the channel dead.
/// </summary>
public sealed record NotificationHubsInstallation(string InstallationId, string Platform, string PushChannel)
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? UserId { get; init; }

    public bool PushChannelExpired { get; init; }
}
