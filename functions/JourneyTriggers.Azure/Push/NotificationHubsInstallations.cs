using Azure;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// <see cref="IPushInstallations"/> on the Installations API. An installation with a push channel and a
/// platform we send to is created or replaced whole (PUT), tagged <c>customer:{key}</c> with the key as
/// user id. One without a push channel cannot be created — the hub needs the device's token — so it is
/// taken as registered by the app itself (the Notification Hubs SDK on the device): it is only
/// addressed to the customer (PATCH of tag and user id), and if the hub does not have it either there
/// is nothing to do until a registration with the channel arrives. Failures propagate: the caller keeps
/// the work and repeats it, which is safe since every call here is idempotent.
/// </summary>
public sealed class NotificationHubsInstallations(NotificationHubsClient client, ILogger<NotificationHubsInstallations> logger) : IPushInstallations
{
    public async Task UpsertAsync(ProfileKey customer, PushInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var tag = InstallationTags.ForCustomer(customer);
        var userId = InstallationTags.UserId(customer);
        if (installation.PushChannel is { Length: > 0 } channel && PushPlatforms.Parse(installation.Platform) is { } platform)
        {
            await client.CreateOrReplaceInstallationAsync(
                new NotificationHubsInstallation(installation.InstallationId, platform.InstallationName(), channel) { Tags = [tag], UserId = userId },
                cancellationToken);
            logger.InstallationUpserted(installation.InstallationId);
            return;
        }
        try
        {
            await client.PatchInstallationAsync(installation.InstallationId,
                [InstallationPatch.Add("/userId", userId), InstallationPatch.Add("/tags", tag)], cancellationToken);
            logger.InstallationUpserted(installation.InstallationId);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            logger.InstallationNotAtHub(installation.InstallationId);
        }
    }

    public async Task DeleteAsync(string installationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(installationId);
        try
        {
            var response = await client.DeleteInstallationAsync(installationId, cancellationToken);
            logger.InstallationDeleted(installationId, response.Status);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 410)
        {
            logger.InstallationDeleted(installationId, e.Status);
        }
    }
}
