metadata name = 'JourneyTriggers'
metadata description = 'Everything JourneyTriggers runs on in Azure: a Flex Consumption Function App running the custom handler, Storage, Event Hubs, Cosmos DB, Communication Services Email, Notification Hubs, Key Vault and monitoring, in one resource group, wired with one user-assigned identity and no shared keys. Deployed by `azd up` (see docs/deploy.md).'

targetScope = 'subscription'

import { tagsType } from 'modules/types.bicep'

@description('azd environment name; names the resource group and seeds every resource name.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Region for every regional resource. It must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline running the deployment (azd fills it in). It may read the ingestion key from Key Vault; empty grants nothing.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Extra tags for every resource.')
param tags tagsType = {}

@description('Flex Consumption instance memory in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex Consumption scale-out ceiling (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Partitions of the touchpoints hub (fixed at creation on Standard).')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@description('Event Hubs throughput units.')
@minValue(1)
@maxValue(40)
param eventHubThroughputUnits int = 1

@description('Days the decision log, metric tally blobs and rendered messages are kept in Blob Storage (a lifecycle rule); Standalone:RetentionDays is the same policy in the standalone service.')
@minValue(1)
@maxValue(36500)
param retentionDays int = 90

@description('Days an event refused for good is kept in the dead-letter container.')
@minValue(1)
@maxValue(36500)
param deadLetterRetentionDays int = 90

@description('Cosmos DB capacity mode.')
@allowed([
  'Serverless'
  'Provisioned'
])
param cosmosCapacityMode string = 'Serverless'

@description('Autoscale maximum RU/s when cosmosCapacityMode is Provisioned.')
@minValue(1000)
@maxValue(1000000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Where Communication Services keeps data at rest (a geography, not a region).')
@allowed([
  'Africa'
  'Asia Pacific'
  'Australia'
  'Brazil'
  'Canada'
  'Europe'
  'France'
  'Germany'
  'India'
  'Japan'
  'Korea'
  'Norway'
  'Switzerland'
  'UAE'
  'UK'
  'United States'
])
param communicationDataLocation string = 'Asia Pacific'

@description('Notification Hubs tier.')
@allowed([
  'Free'
  'Basic'
  'Standard'
])
param notificationHubsSku string = 'Free'

@description('Key Vault purge protection (recommended for production).')
param keyVaultPurgeProtection bool = false

@description('Ingestion key storefronts send as a bearer token. azd generates it once and keeps it in the environment.')
@secure()
@minLength(32)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 48
      noSpecial: true
    }
  }
})
param ingestionKey string

@description('Admin key for the customer and metrics routes. azd generates it once.')
@secure()
@minLength(32)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 48
      noSpecial: true
    }
  }
})
param adminKey string

@description('Key that signs and encrypts unsubscribe tokens. azd generates it once; changing it invalidates links already sent.')
@secure()
@minLength(32)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 64
      noSpecial: true
    }
  }
})
param unsubscribeSigningKey string

// What every reminder shows and links to. No defaults: the app's own (shop.example, "Shop Example", COMEBACK10) are
// placeholders that must never reach a customer, so azd asks for these on the first run.
@description('The storefront\'s home page: where a reminder with no cart and no viewed product sends the customer, e.g. https://shop.example.co.th/.')
@minLength(8)
param storefrontUrl string

@description('The storefront page that refills the cart from ?items=SKU:QTY,…; the cart reminders\' deep link, e.g. https://shop.example.co.th/cart/restore.')
@minLength(8)
param cartRestoreUrl string

@description('The shop\'s name as customers know it: shown in every email\'s header and footer.')
@minLength(1)
param senderName string

@description('The discount code the incentive reminders offer (templates: {{ offer_code }}); it must exist in the shop.')
@minLength(1)
param offerCode string

var allTags = union(tags, { 'azd-env-name': environmentName, application: 'journeytriggers' })
// Short, stable, globally unique suffix per subscription + environment + region.
var token = toLower(uniqueString(subscription().id, environmentName, location))
var appName = 'func-jt-${token}'
var identityName = 'id-jt-${token}'
var keyVaultName = take('kv-jt-${token}', 24)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: allTags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: identityName
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    logAnalyticsName: 'log-jt-${token}'
    applicationInsightsName: 'appi-jt-${token}'
    location: location
    tags: allTags
    appIdentityName: identityName
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    name: take('stjt${token}', 24)
    location: location
    tags: allTags
    deploymentContainerName: 'app-package-${take(appName, 32)}'
    retentionDays: retentionDays
    deadLetterRetentionDays: deadLetterRetentionDays
    appIdentityName: identityName
  }
}

module eventHubs 'modules/event-hubs.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    namespaceName: 'evhns-jt-${token}'
    location: location
    tags: allTags
    capacity: eventHubThroughputUnits
    partitionCount: eventHubPartitionCount
    appIdentityName: identityName
  }
}

module cosmos 'modules/cosmos.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    accountName: 'cosmos-jt-${token}'
    location: location
    tags: allTags
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    appIdentityName: identityName
  }
}

module communication 'modules/communication.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    communicationServiceName: 'acs-jt-${token}'
    emailServiceName: 'ecs-jt-${token}'
    tags: allTags
    dataLocation: communicationDataLocation
    appIdentityName: identityName
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: rg
  dependsOn: [identity]
  params: {
    name: keyVaultName
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultPurgeProtection
    appIdentityName: identityName
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    ingestionKey: ingestionKey
    adminKey: adminKey
    unsubscribeSigningKey: unsubscribeSigningKey
  }
}

module notificationHubs 'modules/notification-hubs.bicep' = {
  scope: rg
  dependsOn: [keyVault]
  params: {
    namespaceName: 'ntfns-jt-${token}'
    location: location
    tags: allTags
    skuName: notificationHubsSku
    keyVaultName: keyVaultName
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: rg
  params: {
    name: appName
    planName: 'plan-jt-${token}'
    location: location
    tags: allTags
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appIdentityName: identityName
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    timerQueueName: storage.outputs.timerQueueName
    deadLetterContainerName: storage.outputs.deadLetterContainerName
    eventHubsFullyQualifiedNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.hubName
    eventHubConsumerGroup: eventHubs.outputs.consumerGroupName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabase: cosmos.outputs.databaseName
    cosmosContainer: cosmos.outputs.containerName
    emailEndpoint: communication.outputs.endpoint
    emailSender: communication.outputs.senderAddress
    notificationHubsNamespace: notificationHubs.outputs.namespaceName
    notificationHubName: notificationHubs.outputs.hubName
    notificationHubsSasKeyName: notificationHubs.outputs.sendRuleName
    notificationHubsSasKeyUri: notificationHubs.outputs.sasKeyUri
    ingestionKeyUri: keyVault.outputs.ingestionKeyUri
    adminKeyUri: keyVault.outputs.adminKeyUri
    unsubscribeSigningKeyUri: keyVault.outputs.unsubscribeSigningKeyUri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    storefrontUrl: storefrontUrl
    cartRestoreUrl: cartRestoreUrl
    senderName: senderName
    offerCode: offerCode
  }
}

// Outputs: azd stores each one in the environment (`azd env get-value NAME`); docs/deploy.md uses them.
@description('Region the environment runs in.')
output AZURE_LOCATION string = location

@description('Entra ID tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the Function App.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Base URL of the app; events go to <url>/api/events.')
output SERVICE_FUNCTIONS_ENDPOINT string = functionApp.outputs.url

@description('Client id of the app identity.')
output AZURE_CLIENT_ID string = identity.outputs.clientId

@description('Key Vault holding the ingestion, admin, unsubscribe and Notification Hubs keys.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Event Hubs namespace host, for storefronts that send with the Event Hubs SDK.')
output EVENT_HUBS_FULLY_QUALIFIED_NAMESPACE string = eventHubs.outputs.fullyQualifiedNamespace

@description('Hub storefronts send touchpoints to.')
output EVENT_HUB_NAME string = eventHubs.outputs.hubName

@description('Cosmos DB endpoint.')
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint

@description('Storage account name.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Sender address of reminder email.')
output EMAIL_SENDER string = communication.outputs.senderAddress

@description('Notification Hubs namespace and hub, for registering devices.')
output NOTIFICATION_HUB string = '${notificationHubs.outputs.namespaceName}/${notificationHubs.outputs.hubName}'

@description('Application Insights component name.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
