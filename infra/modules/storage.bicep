metadata name = 'Storage'
metadata description = 'Storage account for the Functions host (AzureWebJobsStorage), the durable timer queue, the dead-letter container, the app\'s outbox, effects and metrics containers (with lifecycle rules bounding what they keep) and the Flex Consumption deployment container. Shared keys off, TLS 1.2, HTTPS only, no public blob access.'

import { tagsType } from 'types.bicep'

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags tagsType = {}

@description('Replication. LRS is enough: queue messages are wake-up calls for state kept in Cosmos DB (DESIGN 4.5).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('Name of the queue that carries durable-timer wake-up messages.')
@minLength(3)
@maxLength(63)
param timerQueueName string = 'journey-timers'

@description('Name of the blob container for events the app could not process (raw event plus reason).')
@minLength(3)
@maxLength(63)
param deadLetterContainerName string = 'dead-letter'

@description('Name of the blob container Flex Consumption deploys the app package to.')
@minLength(3)
@maxLength(63)
param deploymentContainerName string

@description('Days a deleted blob can be restored (soft delete).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 7

@description('Days the app\'s decision log (effects container) and metric tally blobs (metrics/tallies/) are kept, and its rendered messages and delivery records (outbox container). One figure for both logs on purpose: pending work finished again after its effect batch aged out would count its tally again unless the tally aged out no earlier (docs/azure-storage-layout.md). Standalone:RetentionDays is the same policy in the standalone service.')
@minValue(1)
@maxValue(36500)
param retentionDays int = 90

@description('Days an event refused for good is kept in the dead-letter container: long enough to look at it and send it again.')
@minValue(1)
@maxValue(36500)
param deadLetterRetentionDays int = 90

@description('Name of the user-assigned identity the Function App runs as (in this resource group).')
param appIdentityName string

// Built-in roles.
// Storage Blob Data Owner: the Functions host creates and leases its own containers (azure-webjobs-hosts,
// azure-webjobs-secrets, Event Hubs checkpoints) and Flex Consumption reads the package from the deployment
// container, so it is granted on the account; the app also writes the dead-letter container with it.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Queue Data Contributor: the queue trigger reads and deletes timer messages, the app enqueues
// them, and the host creates the `<queue>-poison` queue itself, so it is granted on the account too.
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
// Storage Table Data Contributor: the Functions host writes its diagnostic events to a table in its own storage
// (without it, it logs AZFD0003 and the portal's diagnostics stay empty); the app keeps no tables.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteDays
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The app's own containers (outbox, effects, metrics) are created by the app on first use, under the names of
// AzureOptions; their blobs grow with every decision and message, so nothing but a rule bounds them. Metric
// summaries (metrics/summaries/) are the report's history and are kept.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        for rule in [
          { name: 'app-logs', prefixes: ['effects/', 'metrics/tallies/', 'outbox/'], days: retentionDays }
          { name: 'dead-letters', prefixes: ['${deadLetterContainer.name}/'], days: deadLetterRetentionDays }
        ]: {
          name: rule.name
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: rule.prefixes
            }
            actions: {
              baseBlob: {
                // Days past the blob's last write: a delivery record or an emptied tally ages from its last update.
                delete: {
                  daysAfterModificationGreaterThan: rule.days
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource timerQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queueService
  name: timerQueueName
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageBlobDataOwnerRoleId)
  scope: account
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageQueueDataContributorRoleId)
  scope: account
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageQueueDataContributorRoleId
    )
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageTableDataContributorRoleId)
  scope: account
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      storageTableDataContributorRoleId
    )
  }
}

@description('Name of the storage account.')
output name string = account.name

@description('Blob service endpoint, e.g. https://<name>.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue service endpoint, e.g. https://<name>.queue.core.windows.net/.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Name of the durable-timer queue.')
output timerQueueName string = timerQueue.name

@description('Name of the dead-letter container.')
output deadLetterContainerName string = deadLetterContainer.name

@description('Name of the deployment container.')
output deploymentContainerName string = deploymentContainer.name
