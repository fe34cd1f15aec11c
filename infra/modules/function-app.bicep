metadata name = 'Function App'
metadata description = 'Flex Consumption plan and the Linux Function App that runs JourneyTriggers as a custom handler, under the user-assigned identity, with identity-based connections and Key Vault references. Its app settings are exactly the names listed in infra/app-settings.json (infra/check.sh enforces it).'

import { tagsType } from 'types.bicep'

@description('Name of the Function App (its host name is <name>.azurewebsites.net).')
@minLength(2)
@maxLength(60)
param name string

@description('Name of the Flex Consumption plan.')
@minLength(1)
@maxLength(60)
param planName string

@description('Azure region (must offer Flex Consumption).')
param location string

@description('Tags applied to the plan and the app.')
param tags tagsType = {}

@description('azd service name the app is tagged with, so `azd deploy` finds it (the service key in azure.yaml).')
param azdServiceName string = 'functions'

@description('Memory of each instance in MB. 2048 is the default size; 512 is cheaper for light load, 4096 for heavy batches.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on instances the app scales out to (Flex Consumption: 40-1000). It caps the bill and the load on Cosmos DB.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Name of the user-assigned identity the Function App runs as (in this resource group).')
param appIdentityName string

@description('Storage account used by the host and by the app (timer queue, dead letters, deployment package).')
param storageAccountName string

@description('Blob service endpoint of that account.')
param blobEndpoint string

@description('Queue service endpoint of that account.')
param queueEndpoint string

@description('Container the app package is deployed to.')
param deploymentContainerName string

@description('Durable-timer queue.')
param timerQueueName string

@description('Dead-letter container.')
param deadLetterContainerName string

@description('Event Hubs fully qualified namespace.')
param eventHubsFullyQualifiedNamespace string

@description('Hub the trigger reads.')
param eventHubName string

@description('Consumer group the trigger reads with.')
param eventHubConsumerGroup string

@description('Cosmos DB account endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database.')
param cosmosDatabase string

@description('Cosmos DB container.')
param cosmosContainer string

@description('Communication Services endpoint.')
param emailEndpoint string

@description('Sender address for email.')
param emailSender string

@description('Notification Hubs namespace name.')
param notificationHubsNamespace string

@description('Notification hub name.')
param notificationHubName string

@description('Name of the send-only shared access rule.')
param notificationHubsSasKeyName string

@description('Key Vault secret URI of the Notification Hubs rule key.')
param notificationHubsSasKeyUri string

@description('Key Vault secret URI of the ingestion key.')
param ingestionKeyUri string

@description('Key Vault secret URI of the admin key.')
param adminKeyUri string

@description('Key Vault secret URI of the unsubscribe signing key.')
param unsubscribeSigningKeyUri string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('The storefront\'s home page (Messages:StorefrontUrl).')
param storefrontUrl string

@description('The storefront page that refills the cart (Messages:CartRestoreUrl).')
param cartRestoreUrl string

@description('The shop\'s name in emails (Messages:SenderName).')
param senderName string

@description('The incentive reminders\' discount code (Messages:OfferCode).')
param offerCode string

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: appIdentity.id
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // Flex Consumption takes the worker runtime from here, not from a FUNCTIONS_WORKER_RUNTIME app setting
      // (which it rejects); the host still exports FUNCTIONS_WORKER_RUNTIME=custom to the handler process.
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// The one place the template writes app settings. Keys are literal so infra/check.sh can compare them
// with infra/app-settings.json; add a setting there and here together.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: appIdentity.properties.clientId
    EventHubConnection__fullyQualifiedNamespace: eventHubsFullyQualifiedNamespace
    EventHubConnection__credential: 'managedidentity'
    EventHubConnection__clientId: appIdentity.properties.clientId
    EventHub__Name: eventHubName
    EventHub__ConsumerGroup: eventHubConsumerGroup
    TimerQueue__Name: timerQueueName
    Storage__QueueServiceUri: queueEndpoint
    Storage__BlobServiceUri: blobEndpoint
    DeadLetter__Container: deadLetterContainerName
    Cosmos__Endpoint: cosmosEndpoint
    Cosmos__Database: cosmosDatabase
    Cosmos__Container: cosmosContainer
    Email__Endpoint: emailEndpoint
    Email__Sender: emailSender
    NotificationHubs__Namespace: notificationHubsNamespace
    NotificationHubs__HubName: notificationHubName
    NotificationHubs__SasKeyName: notificationHubsSasKeyName
    NotificationHubs__SasKey: '@Microsoft.KeyVault(SecretUri=${notificationHubsSasKeyUri})'
    Auth__IngestionKeys__0: '@Microsoft.KeyVault(SecretUri=${ingestionKeyUri})'
    Auth__AdminKey: '@Microsoft.KeyVault(SecretUri=${adminKeyUri})'
    Unsubscribe__SigningKey: '@Microsoft.KeyVault(SecretUri=${unsubscribeSigningKeyUri})'
    Unsubscribe__BaseUrl: 'https://${app.properties.defaultHostName}/api'
    Messages__StorefrontUrl: storefrontUrl
    Messages__CartRestoreUrl: cartRestoreUrl
    Messages__SenderName: senderName
    Messages__OfferCode: offerCode
    AZURE_CLIENT_ID: appIdentity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${appIdentity.properties.clientId};Authorization=AAD'
  }
}

// No publishing with user names and passwords: deployments go through Entra ID (azd, az CLI).
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output name string = app.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = app.properties.defaultHostName

@description('Base URL of the app.')
output url string = 'https://${app.properties.defaultHostName}'
