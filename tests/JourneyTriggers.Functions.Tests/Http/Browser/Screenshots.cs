using Microsoft.Playwright;

namespace JourneyTriggers.Functions.Tests.Http.Browser;

/// <summary>
/// What a screenshot shows, measured by the browser itself (a blank page decodes the PNG into a canvas), so a test
/// can tell a rendered email or chart from an empty frame of the right size: the share of pixels that differ from the
/// image's most common colour (its background), and how many distinct colours appear (4 bits per channel).
/// </summary>
internal static class Screenshots
{
    public sealed record Ink(double Share, int Colours);

    public static async Task<Ink> MeasureAsync(IBrowser browser, byte[] png)
    {
        var page = await browser.NewPageAsync();
        try
        {
            var measured = await page.EvaluateAsync<double[]>("""
                async (base64) => {
                  const image = new Image();
                  image.src = 'data:image/png;base64,' + base64;
                  await image.decode();
                  const canvas = document.createElement('canvas');
                  canvas.width = image.width;
                  canvas.height = image.height;
                  const context = canvas.getContext('2d');
                  context.drawImage(image, 0, 0);
                  const pixels = context.getImageData(0, 0, image.width, image.height).data;
                  const counts = new Map();
                  for (let i = 0; i < pixels.length; i += 4) {
                    const colour = (pixels[i] >> 4) << 8 | (pixels[i + 1] >> 4) << 4 | (pixels[i + 2] >> 4);
                    counts.set(colour, (counts.get(colour) || 0) + 1);
                  }
                  const background = Math.max(...counts.values());
                  const total = pixels.length / 4;
                  return [(total - background) / total, counts.size];
                }
                """, Convert.ToBase64String(png));
            return new Ink(measured[0], (int)measured[1]);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
