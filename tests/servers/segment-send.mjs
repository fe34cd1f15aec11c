// Sends one identify and one track through the official Segment Node SDK to the host in JT_HOST, with
// the write key in JT_WRITE_KEY, one event per request (flushAt: 1). Prints each HTTP status the SDK
// saw, and exits non-zero if the SDK reports any delivery failure. Driven by SegmentNodeSdkTests.
import { Analytics } from '@segment/analytics-node';

const host = process.env.JT_HOST;
const writeKey = process.env.JT_WRITE_KEY;
if (!host || !writeKey) {
  console.error('JT_HOST and JT_WRITE_KEY must be set');
  process.exit(2);
}

const analytics = new Analytics({ writeKey, host, flushAt: 1, maxRetries: 0, httpRequestTimeout: 10000 });
const failures = [];
analytics.on('http_response', (response) => console.log(`http ${response.status} ${response.url}`));
analytics.on('error', (error) => failures.push(String(error?.reason ?? error?.message ?? error)));

const delivered = (name) => (error) => { if (error) failures.push(`${name}: ${error?.reason ?? error}`); };
analytics.identify(
  { userId: 'c-node', traits: { email: 'node@example.com', firstName: 'Node', locale: 'th-TH', timezone: 'Asia/Bangkok' } },
  delivered('identify'));
analytics.track(
  { userId: 'c-node', event: 'Product Added',
    properties: { product_id: 'LAP-14', name: 'Laptop 14', price: 32900, quantity: 1, currency: 'THB' } },
  delivered('track'));

await analytics.closeAndFlush({ timeout: 20000 });
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
