using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Core.Touchpoints;

/// <summary>Platform is apns, fcmv1 or wns; PushChannel is the device token when the storefront has it.</summary>
public sealed record PushRegistered(TouchpointId Id, CustomerRef Customer, Instant Timestamp, string? Source, string InstallationId, string? Platform, string? PushChannel)
    : Touchpoint(Id, Customer, Timestamp, Source)
{
    public const string WireType = "push.registered";
    public override string TypeName => WireType;
}
