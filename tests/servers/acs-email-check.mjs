// Sends one email through the official Communication Services Email client (@azure/communication-email)
// to the endpoint in the access-key connection string JT_ACS_CONNECTION_STRING, polls it to a final
// status, and prints that status as JSON. Exits non-zero unless the send Succeeded. Driven by
// OfficialClientCrossCheckTests: the fake accepting this client's HMAC signature proves its check is faithful.
import { EmailClient } from '@azure/communication-email';

const connectionString = process.env.JT_ACS_CONNECTION_STRING;
if (!connectionString) {
  console.error('JT_ACS_CONNECTION_STRING must be set');
  process.exit(2);
}

// The fake listens on plain http on loopback; the client refuses that unless told.
const client = new EmailClient(connectionString, { retryOptions: { maxRetries: 0 }, allowInsecureConnection: true });
try {
  const poller = await client.beginSend({
    senderAddress: 'DoNotReply@shop.example',
    content: { subject: 'From the official client', plainText: 'Plain text.', html: '<p>HTML.</p>' },
    recipients: { to: [{ address: 'node@example.test' }] },
    headers: { 'List-Unsubscribe': '<https://shop.example/u?t=node>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }, { updateIntervalInMs: 100 });
  const result = await poller.pollUntilDone();
  console.log(JSON.stringify({ id: result.id, status: result.status }));
  process.exit(result.status === 'Succeeded' ? 0 : 1);
} catch (error) {
  console.error(`send failed: ${error?.statusCode ?? ''} ${error?.code ?? ''} ${error?.message ?? error}`);
  process.exit(1);
}
