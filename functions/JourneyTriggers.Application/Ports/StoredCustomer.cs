using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Ports;

/// <summary>A customer document as stored, with the version tag a conditional save must match.</summary>
public sealed record StoredCustomer(CustomerState State, string ETag);
