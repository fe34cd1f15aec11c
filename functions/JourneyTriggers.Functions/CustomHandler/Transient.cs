using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>Failures that a later attempt may not meet: the invocation fails so the trigger delivers it again.</summary>
internal static class Transient
{
    public static bool Is(Exception exception) => exception is CustomerContentionException or StoreUnavailableException or TimeoutException;

    /// <summary>
    /// Said to the host (which logs it) and kept in dead letters. Never the exception's message for contention,
    /// which names the customer: logs name no customer (Log.cs).
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        CustomerContentionException => "CustomerContentionException: a customer's document changed concurrently on every attempt to save it",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
