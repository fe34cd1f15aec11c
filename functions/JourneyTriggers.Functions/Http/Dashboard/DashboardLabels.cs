using JourneyTriggers.Functions.Http.Pages;

namespace JourneyTriggers.Functions.Http.Dashboard;

/// <summary>The dashboard's words in Thai and English (chosen by <see cref="PageLanguage"/>), with the locale its numbers are written in.</summary>
internal sealed record DashboardLabels(
    string Code, string Locale, string Title, string Intro, string From, string To, string Trigger, string AllTriggers, string Show,
    string AbandonmentRate, string AbandonedOfCarts, string TreatedConversion, string HoldoutConversion, string Lift, string Interval,
    string RecoveredRevenue, string IncrementalRevenue, string IncrementalConversions, string NotDefined,
    string Daily, string CartsStarted, string Abandoned, string Sent, string Conversions, string HoldoutConversions,
    string Funnel, string ProductViewed, string AddedToCart, string CheckoutStarted, string OrderCompleted,
    string Steps, string Branches, string Variants, string Channels, string Step, string Branch, string Variant, string Channel,
    string Due, string Delivered, string Suppressed, string Opens, string Clicks, string Treated, string Holdout,
    string AlertTitle, string AlertText, string NoData, string Api,
    string SignInTitle, string SignInHint, string AdminKey, string SignIn, string WrongKey, string IngestionKey)
{
    public SignInLabels SignInWords => new(Code, SignInTitle, SignInHint, AdminKey, SignIn, WrongKey, IngestionKey);

    public static readonly DashboardLabels English = new(
        "en", "en-US", "Journey metrics", "What the reminders earned, against the holdout group that got none.", "From", "To (exclusive)", "Trigger", "All triggers", "Show",
        "Cart abandonment rate", "abandoned of carts started", "Treated conversion", "Holdout conversion", "Lift", "95 % interval",
        "Recovered revenue", "Incremental revenue", "incremental conversions", "not defined",
        "By day", "Carts started", "Abandoned", "Sent", "Conversions", "Holdout conversions",
        "Funnel", "Product viewed", "Added to cart", "Checkout started", "Order",
        "Per step", "Per branch", "Per variant", "Per channel", "Step", "Branch", "Variant", "Channel",
        "Due", "Delivered", "Suppressed", "Opens", "Clicks", "Treated", "Holdout",
        "Cart abandonment is up", "On {0} the abandonment rate was {1}, more than {2} % above the mean of the {3} days before ({4}). A sudden rise is usually a checkout problem.",
        "No metrics in this range yet.", "The same figures as JSON",
        "Dashboard: sign in", "The dashboard shows the business's figures, so it needs the admin key (Auth:AdminKey, or adminKey in keys.json in the data directory).",
        "Admin key", "Open the dashboard", "That key is not the admin key.", "That is an ingestion key; the dashboard needs the admin key.");

    public static readonly DashboardLabels Thai = new(
        "th", "th-TH", "ตัวชี้วัดเส้นทางลูกค้า", "ผลลัพธ์ที่ได้จากข้อความแจ้งเตือน เทียบกับกลุ่มควบคุมที่ไม่ได้รับข้อความ", "ตั้งแต่", "ถึง (ไม่รวม)", "ทริกเกอร์", "ทุกทริกเกอร์", "แสดง",
        "อัตราการทิ้งตะกร้า", "ตะกร้าที่ถูกทิ้งจากตะกร้าที่เริ่ม", "อัตราซื้อของกลุ่มที่ได้รับข้อความ", "อัตราซื้อของกลุ่มควบคุม", "ส่วนเพิ่ม (lift)", "ช่วงความเชื่อมั่น 95 %",
        "รายได้ที่กู้คืน", "รายได้ส่วนเพิ่ม", "คำสั่งซื้อส่วนเพิ่ม", "คำนวณไม่ได้",
        "รายวัน", "ตะกร้าที่เริ่ม", "ถูกทิ้ง", "ส่งแล้ว", "คำสั่งซื้อ", "คำสั่งซื้อของกลุ่มควบคุม",
        "กรวยการขาย", "ดูสินค้า", "หยิบใส่ตะกร้า", "เริ่มชำระเงิน", "สั่งซื้อ",
        "ตามขั้น", "ตามสาขา", "ตามตัวแปร", "ตามช่องทาง", "ขั้น", "สาขา", "ตัวแปร", "ช่องทาง",
        "ถึงกำหนด", "ส่งถึง", "ระงับ", "เปิดอ่าน", "คลิก", "ได้รับข้อความ", "กลุ่มควบคุม",
        "อัตราการทิ้งตะกร้าสูงขึ้น", "วันที่ {0} อัตราการทิ้งตะกร้าเป็น {1} สูงกว่าค่าเฉลี่ย {3} วันก่อนหน้า ({4}) เกิน {2} % มักเกิดจากปัญหาที่หน้าชำระเงิน",
        "ยังไม่มีตัวชี้วัดในช่วงนี้", "ตัวเลขชุดเดียวกันในรูปแบบ JSON",
        "แดชบอร์ด: เข้าสู่ระบบ", "แดชบอร์ดแสดงตัวเลขของธุรกิจ จึงต้องใช้คีย์ผู้ดูแล (Auth:AdminKey หรือ adminKey ใน keys.json ในโฟลเดอร์ข้อมูล)",
        "คีย์ผู้ดูแล", "เปิดแดชบอร์ด", "คีย์นี้ไม่ใช่คีย์ผู้ดูแล", "นี่คือคีย์สำหรับส่งอีเวนต์ แดชบอร์ดต้องใช้คีย์ผู้ดูแล");

    public static DashboardLabels For(HttpRequest request) => PageLanguage.IsThai(request) ? Thai : English;
}
