metadata name = 'Cosmos DB'
metadata description = 'Cosmos DB for NoSQL account (serverless by default, provisioned throughput as an option), the customers database and container (partition key /id, TTL on), local (key) auth off; the app identity gets the built-in data contributor role on the database only.'

import { tagsType } from 'types.bicep'

@description('Account name: 3-44 lower-case letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(44)
param accountName string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags tagsType = {}

@description('Serverless bills per request unit consumed and costs nothing at rest; Provisioned reserves autoscale throughput (billed hourly at 10% of the maximum even when idle).')
@allowed([
  'Serverless'
  'Provisioned'
])
param capacityMode string = 'Serverless'

@description('Autoscale maximum RU/s of the database when capacityMode is Provisioned (the floor is 10% of it).')
@minValue(1000)
@maxValue(1000000)
param autoscaleMaxThroughput int = 1000

@description('Name of the database.')
@minLength(1)
@maxLength(255)
param databaseName string = 'journeytriggers'

@description('Name of the container: one document per customer, partition key /id (DESIGN 4.6).')
@minLength(1)
@maxLength(255)
param containerName string = 'customers'

@description('Container default TTL in seconds. -1 turns TTL on with no default expiry: only documents that carry their own `ttl` (anonymous profiles, tombstones) expire.')
@minValue(-1)
param defaultTtlSeconds int = -1

@description('Name of the user-assigned identity the Function App runs as (in this resource group).')
param appIdentityName string

// Cosmos DB Built-in Data Contributor (a Cosmos SQL data-plane role, not an Azure RBAC role): point reads,
// writes, patches and single-partition queries on items.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: capacityMode == 'Serverless' ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: capacityMode == 'Provisioned' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: defaultTtlSeconds
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: [
          {
            path: '/"_etag"/?'
          }
        ]
      }
    }
  }
}

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: account
  name: guid(database.id, appIdentity.id, cosmosDataContributorRoleId)
  properties: {
    principalId: appIdentity.properties.principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    scope: '${account.id}/dbs/${database.name}'
  }
}

@description('Name of the account.')
output accountName string = account.name

@description('Account endpoint, e.g. https://<name>.documents.azure.com:443/.')
output endpoint string = account.properties.documentEndpoint

@description('Name of the database.')
output databaseName string = database.name

@description('Name of the container.')
output containerName string = container.name
