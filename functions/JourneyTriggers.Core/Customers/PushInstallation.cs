namespace JourneyTriggers.Core.Customers;

/// <summary>A device registered for push; PushChannel is the device token when the storefront sent it.</summary>
public sealed record PushInstallation(string InstallationId, string? Platform, string? PushChannel);
