using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http.Unsubscribe;

/// <summary>
/// The pages a person sees after clicking an unsubscribe link, in Thai and English (the locales that
/// ship). They echo nothing from the request, so there is nothing to escape.
/// </summary>
internal static class UnsubscribePages
{
    public static ContentHttpResult Done() => Page(StatusCodes.Status200OK,
        "ยกเลิกการรับอีเมลแล้ว", "เราจะไม่ส่งอีเมลแจ้งเตือนถึงคุณอีก หากเปลี่ยนใจ คุณเปิดรับอีเมลได้อีกครั้งในการตั้งค่าบัญชีของคุณ",
        "You are unsubscribed", "We will not send you reminder emails any more. If you change your mind, you can turn them back on in your account settings.");

    public static ContentHttpResult Expired() => Page(StatusCodes.Status410Gone,
        "ลิงก์นี้หมดอายุแล้ว", "ยังไม่มีการเปลี่ยนแปลงใด ๆ โปรดใช้ลิงก์ยกเลิกในอีเมลฉบับล่าสุด หรือเปลี่ยนการรับอีเมลในการตั้งค่าบัญชีของคุณ",
        "This link has expired", "Nothing was changed. Please use the unsubscribe link in a more recent email, or change your email preferences in your account settings.");

    public static ContentHttpResult Invalid() => Page(StatusCodes.Status400BadRequest,
        "ลิงก์นี้ใช้ไม่ได้", "ยังไม่มีการเปลี่ยนแปลงใด ๆ ลิงก์อาจขาดหายระหว่างการคัดลอก โปรดเปิดลิงก์จากอีเมลอีกครั้ง",
        "This link does not work", "Nothing was changed. The link may have been cut short when it was copied; please open it again from the email.");

    static ContentHttpResult Page(int status, string thaiTitle, string thaiText, string englishTitle, string englishText) =>
        TypedResults.Content($$"""
            <!doctype html>
            <html lang="th">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{{thaiTitle}} · {{englishTitle}}</title>
            <style>
              body { font-family: system-ui, sans-serif; max-width: 34rem; margin: 4rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
              h1 { font-size: 1.4rem; margin-bottom: .3rem; }
              section + section { border-top: 1px solid #ddd; margin-top: 1.5rem; padding-top: 1rem; }
            </style>
            </head>
            <body>
            <section><h1>{{thaiTitle}}</h1><p>{{thaiText}}</p></section>
            <section lang="en"><h1>{{englishTitle}}</h1><p>{{englishText}}</p></section>
            </body>
            </html>
            """, "text/html; charset=utf-8", Encoding.UTF8, status);
}
