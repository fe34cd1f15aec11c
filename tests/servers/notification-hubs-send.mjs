// Drives the official Notification Hubs JavaScript SDK against the hub in JT_NH_CONNECTION_STRING /
// JT_NH_HUB (the test's fake, trusted through NODE_EXTRA_CA_CERTS): creates an fcmv1 installation,
// patches a tag onto it, reads it back, sends one notification to it by its $InstallationId tag, and
// deletes a second installation. Prints one line per step; exits non-zero on the first failure.
// Driven by NotificationHubsJsSdkTests.
import {
  NotificationHubsClient,
  createFcmV1Installation,
  createFcmV1Notification,
} from '@azure/notification-hubs';

const connectionString = process.env.JT_NH_CONNECTION_STRING;
const hubName = process.env.JT_NH_HUB;
if (!connectionString || !hubName) {
  console.error('JT_NH_CONNECTION_STRING and JT_NH_HUB must be set');
  process.exit(2);
}

const client = new NotificationHubsClient(connectionString, hubName, { retryOptions: { maxRetries: 0 } });
try {
  await client.createOrUpdateInstallation(createFcmV1Installation({
    installationId: 'inst-node', pushChannel: 'fcm-token-node', tags: ['customer:c-node'] }));
  console.log('installation created');
  await client.updateInstallation('inst-node', [{ op: 'add', path: '/tags', value: 'sdk:js' }]);
  console.log('installation patched');
  const installation = await client.getInstallation('inst-node');
  console.log(`installation read: ${installation.platform} ${installation.tags.join(',')}`);
  const result = await client.sendNotification(
    createFcmV1Notification({ body: { message: { notification: { title: 'From the JS SDK', body: 'Hello' } } } }),
    { tagExpression: '$InstallationId:{inst-node}' });
  console.log(`sent: notification ${result.notificationId} tracking ${result.trackingId}`);
  await client.createOrUpdateInstallation(createFcmV1Installation({ installationId: 'inst-node-2', pushChannel: 't2' }));
  await client.deleteInstallation('inst-node-2');
  console.log('installation deleted');
} catch (error) {
  console.error(`failed: ${error?.statusCode ?? ''} ${error?.message ?? error}`);
  process.exit(1);
}
