using System.Text;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// A property name the readers look for. Every such name is listed here and numbered, so that opening an object
/// files each of its properties under its name's number in one pass (<see cref="EventReading"/>), and reading a
/// field is an index rather than a search of the object by name.
/// </summary>
internal sealed class FieldName
{
    // Numbered in the order listed below; filed names are kept as bits of one ulong per object.
    static readonly List<FieldName> Listed = [];

    // Our format (DESIGN 4.1): the touchpoint, then what its properties and traits hold.
    public static readonly FieldName Id = new("id");
    public static readonly FieldName Type = new("type");
    public static readonly FieldName Timestamp = new("timestamp");
    public static readonly FieldName CustomerId = new("customerId");
    public static readonly FieldName AnonymousId = new("anonymousId");
    public static readonly FieldName Source = new("source");
    public static readonly FieldName Properties = new("properties");
    public static readonly FieldName Traits = new("traits");
    public static readonly FieldName Sku = new("sku");
    public static readonly FieldName Name = new("name");
    public static readonly FieldName Price = new("price");
    public static readonly FieldName Currency = new("currency");
    public static readonly FieldName Url = new("url");
    public static readonly FieldName ImageUrl = new("imageUrl");
    public static readonly FieldName Quantity = new("quantity");
    public static readonly FieldName CartValue = new("cartValue");
    public static readonly FieldName OrderId = new("orderId");
    public static readonly FieldName Revenue = new("revenue");
    public static readonly FieldName Email = new("email");
    public static readonly FieldName Push = new("push");
    public static readonly FieldName InstallationId = new("installationId");
    public static readonly FieldName Platform = new("platform");
    public static readonly FieldName PushChannel = new("pushChannel");
    public static readonly FieldName MessageId = new("messageId");
    public static readonly FieldName FirstName = new("firstName");
    public static readonly FieldName Locale = new("locale");
    public static readonly FieldName TimeZone = new("timeZone");
    public static readonly FieldName Tier = new("tier");

    // Segment's spec, where it differs from ours.
    public static readonly FieldName UserId = new("userId");
    public static readonly FieldName Event = new("event");
    public static readonly FieldName OriginalTimestamp = new("originalTimestamp");
    public static readonly FieldName SentAt = new("sentAt");
    public static readonly FieldName Context = new("context");
    public static readonly FieldName SegmentProductId = new("product_id");
    public static readonly FieldName SegmentImageUrl = new("image_url");
    public static readonly FieldName SegmentValue = new("value");
    public static readonly FieldName SegmentOrderId = new("order_id");
    public static readonly FieldName SegmentTotal = new("total");
    public static readonly FieldName SegmentFirstName = new("first_name");
    public static readonly FieldName SegmentTimezone = new("timezone");

    // CloudEvents 1.0 envelope attributes.
    public static readonly FieldName SpecVersion = new("specversion");
    public static readonly FieldName Time = new("time");
    public static readonly FieldName Data = new("data");
    public static readonly FieldName DataBase64 = new("data_base64");
    public static readonly FieldName DataContentType = new("datacontenttype");

    /// <summary>How many names there are: the size of an object's filing slots.</summary>
    public static readonly int Count = Listed.Count <= 64 ? Listed.Count : throw new InvalidOperationException("Filed names are bits of a ulong: at most 64.");

    // The names by their UTF-8 length, which tells most of them apart before a byte is compared.
    static readonly FieldName[][] ByLength = [.. Enumerable.Range(0, Listed.Max(name => name.Utf8.Length) + 1)
        .Select(length => Listed.Where(name => name.Utf8.Length == length).ToArray())];

    FieldName(string text)
    {
        Text = text;
        Utf8 = Encoding.UTF8.GetBytes(text);
        Number = Listed.Count;
        Listed.Add(this);
    }

    /// <summary>The name as written in JSON, and in the paths of reasons.</summary>
    public string Text { get; }

    public byte[] Utf8 { get; }

    /// <summary>This name's slot among an object's filed properties.</summary>
    public int Number { get; }

    public ulong Bit => 1UL << Number;

    /// <summary>The listed name a property's name spells, or null for a name no reader looks for.</summary>
    /// <param name="utf8">The property name's text in UTF-8 (unescaped).</param>
    public static FieldName? Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= ByLength.Length)
        {
            return null;
        }

        foreach (var name in ByLength[utf8.Length])
        {
            if (utf8.SequenceEqual(name.Utf8))
            {
                return name;
            }
        }

        return null;
    }

    public override string ToString() => Text;
}
