namespace JourneyTriggers.Functions.Http.Auth;

/// <summary>
/// Section <c>Auth</c>: the keys callers present (DESIGN 4.8). Unset, they are generated into the data
/// directory at first start (<see cref="Standalone.AccessKeyFile"/>).
/// </summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Keys for sending events (<c>/api/events</c>, and the write key of the Segment routes). Several, so one can be rotated out.</summary>
    public string[] IngestionKeys { get; set; } = [];

    /// <summary>The key for the admin routes (customers, outbox). It may also send events.</summary>
    public string? AdminKey { get; set; }
}
