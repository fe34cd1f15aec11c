namespace JourneyTriggers.Core.Configuration;

/// <summary>
/// Explicit: email only to customers who granted consent. Implicit: email unless they revoked it.
/// </summary>
public enum EmailConsentMode { Explicit, Implicit }
