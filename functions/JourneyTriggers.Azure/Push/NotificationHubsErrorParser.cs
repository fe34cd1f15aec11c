using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace JourneyTriggers.Azure.Push;

/// <summary>
/// Reads the service's error answer, <c>&lt;Error&gt;&lt;Code&gt;404&lt;/Code&gt;&lt;Detail&gt;Installation not found.TrackingId:…&lt;/Detail&gt;&lt;/Error&gt;</c>,
/// into the <see cref="RequestFailedException"/>: <see cref="RequestFailedException.ErrorCode"/> is the
/// service's code and the message carries its detail.
/// </summary>
internal sealed class NotificationHubsErrorParser : RequestFailedDetailsParser
{
    public static readonly NotificationHubsErrorParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        error = null;
        data = null;
        if (Detail(response) is not var (code, detail)) return false;
        error = new ResponseError(code, detail);
        return true;
    }

    /// <summary>The code and detail of an error answer; null when the body is not the service's error document.</summary>
    public static (string Code, string Detail)? Detail(Response response)
    {
        var content = response.Content;
        if (content is null || content.ToMemory().IsEmpty) return null;
        try
        {
            var root = XDocument.Parse(content.ToString()).Root;
            if (root is null || root.Name.LocalName != "Error") return null;
            var code = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value.Trim();
            var detail = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Detail")?.Value.Trim();
            return (code ?? response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), detail ?? "");
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
