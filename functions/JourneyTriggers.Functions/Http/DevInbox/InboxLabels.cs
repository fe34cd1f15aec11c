using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Functions.Http.Pages;

namespace JourneyTriggers.Functions.Http.DevInbox;

/// <summary>
/// The dev inbox's words in Thai and English, the two locales the product ships (chosen by <see cref="PageLanguage"/>).
/// </summary>
internal sealed record InboxLabels(
    string Code, string Title, string Intro, string Messages, string NewestFirst, string Customer, string Limit, string Filter, string ShowAll,
    string Empty, string Email, string Push, string To, string Journey, string Step, string Attempts, string LastError,
    string PlainText, string Headers, string NoHtml, string DeepLink, string EmailBody, string Unsubscribe,
    string SignInTitle, string SignInHint, string AdminKey, string SignIn, string WrongKey, string IngestionKey,
    string Pending, string Sending, string Delivered, string Failed, string Unknown)
{
    public SignInLabels SignInWords => new(Code, SignInTitle, SignInHint, AdminKey, SignIn, WrongKey, IngestionKey);

    public static readonly InboxLabels English = new(
        "en", "Dev inbox", "What the standalone service delivered to its local outbox, as the customer would see it.",
        "messages", "newest first", "Customer", "Limit", "Filter", "Show all",
        "No messages yet. Send events; reminders appear here when their step is due.",
        "Email", "Push", "To", "Journey", "step", "Attempts", "Last error",
        "Plain-text part", "Headers", "This email has no HTML part.", "Deep link", "Email body", "List-Unsubscribe",
        "Dev inbox: sign in", "The dev inbox shows customers' messages and addresses, so it needs the admin key (Auth:AdminKey, or adminKey in keys.json in the data directory).",
        "Admin key", "Open the inbox", "That key is not the admin key.", "That is an ingestion key; the dev inbox needs the admin key.",
        "Pending", "Sending", "Delivered", "Failed", "Unknown");

    public static readonly InboxLabels Thai = new(
        "th", "กล่องข้อความสำหรับนักพัฒนา", "ข้อความที่บริการแบบสแตนด์อโลนส่งเข้ากล่องขาออกในเครื่อง แสดงอย่างที่ลูกค้าจะเห็น",
        "ข้อความ", "ใหม่สุดก่อน", "ลูกค้า", "จำนวน", "กรอง", "แสดงทั้งหมด",
        "ยังไม่มีข้อความ ส่งอีเวนต์เข้ามาแล้วข้อความแจ้งเตือนจะปรากฏที่นี่เมื่อถึงเวลา",
        "อีเมล", "พุช", "ถึง", "เส้นทาง", "ขั้นที่", "จำนวนครั้งที่ส่ง", "ข้อผิดพลาดล่าสุด",
        "ส่วนข้อความล้วน", "ส่วนหัว", "อีเมลนี้ไม่มีส่วน HTML", "ดีปลิงก์", "เนื้อหาอีเมล", "List-Unsubscribe",
        "กล่องข้อความสำหรับนักพัฒนา: เข้าสู่ระบบ", "หน้านี้แสดงข้อความและที่อยู่ของลูกค้า จึงต้องใช้คีย์ผู้ดูแล (Auth:AdminKey หรือ adminKey ใน keys.json ในโฟลเดอร์ข้อมูล)",
        "คีย์ผู้ดูแล", "เปิดกล่องข้อความ", "คีย์นี้ไม่ใช่คีย์ผู้ดูแล", "นี่คือคีย์สำหรับส่งอีเวนต์ หน้านี้ต้องใช้คีย์ผู้ดูแล",
        "รอส่ง", "กำลังส่ง", "ส่งแล้ว", "ส่งไม่สำเร็จ", "ไม่ทราบสถานะ");

    public static InboxLabels For(HttpRequest request) => PageLanguage.IsThai(request) ? Thai : English;

    public string Of(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => Pending,
        OutboxStatus.Sending => Sending,
        OutboxStatus.Delivered => Delivered,
        OutboxStatus.Failed => Failed,
        _ => Unknown,
    };

    public string Of(Channel channel) => channel == Channel.Email ? Email : Push;
}
