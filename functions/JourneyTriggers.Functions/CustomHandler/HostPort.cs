using System.Globalization;
using JourneyTriggers.Functions.Hosting;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// The Functions host picks a free port, passes it as <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and only ever calls
/// <c>http://127.0.0.1:&lt;port&gt;</c> (protocol doc §1): IPv4 loopback, nothing else.
/// </summary>
internal static class HostPort
{
    public const string Setting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static void ListenWhereTheHostSays(IConfigurationManager configuration)
    {
        var text = configuration[Setting];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new StartupRefusedException(
                $"serve --custom-handler: {Setting} is {(string.IsNullOrEmpty(text) ? "not set" : $"'{text}', not a port")}. " +
                "The Azure Functions host sets it when it starts the handler; to run the handler by hand, set it yourself.");
        configuration["urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
    }
}
