metadata name = 'Event Hubs'
metadata description = 'Event Hubs namespace (Standard, local SAS auth off), the touchpoints hub and a consumer group of our own; the app identity may receive and send on that hub only.'

import { tagsType } from 'types.bicep'

@description('Namespace name: 6-50 letters, digits and hyphens, globally unique.')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Azure region.')
param location string

@description('Tags applied to the namespace.')
param tags tagsType = {}

@description('Tier. Standard is the lowest tier that allows a consumer group other than $Default.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string = 'Standard'

@description('Throughput units (Standard) or processing units (Premium). One TU takes 1 MB/s or 1,000 events/s in.')
@minValue(1)
@maxValue(40)
param capacity int = 1

@description('Let Standard grow throughput units on load, up to maximumThroughputUnits.')
param autoInflate bool = false

@description('Upper bound for auto-inflate (ignored unless autoInflate is true).')
@minValue(1)
@maxValue(40)
param maximumThroughputUnits int = 4

@description('Name of the hub the storefronts send touchpoints to.')
@minLength(1)
@maxLength(256)
param hubName string = 'touchpoints'

@description('Partitions of the hub (the partition key is the customer id). Fixed at creation on Standard; it bounds how many instances read in parallel.')
@minValue(1)
@maxValue(32)
param partitionCount int = 4

@description('Days events stay readable in the hub (Standard: 1-7).')
@minValue(1)
@maxValue(7)
param retentionInDays int = 1

@description('Consumer group the Functions host reads with.')
@minLength(1)
@maxLength(50)
param consumerGroupName string = 'journey-triggers'

@description('Name of the user-assigned identity the Function App runs as (in this resource group).')
param appIdentityName string

// Built-in roles, both granted on the hub (not the namespace): the trigger receives, the HTTP collector sends.
var eventHubsDataReceiverRoleId = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
var eventHubsDataSenderRoleId = '2b629674-e913-4c01-ae53-ef4638d8f975'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
    capacity: capacity
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    isAutoInflateEnabled: skuName == 'Standard' && autoInflate
    maximumThroughputUnits: skuName == 'Standard' && autoInflate ? maximumThroughputUnits : 0
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: hubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: retentionInDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
}

resource receiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, appIdentity.id, eventHubsDataReceiverRoleId)
  scope: hub
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataReceiverRoleId)
  }
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, appIdentity.id, eventHubsDataSenderRoleId)
  scope: hub
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataSenderRoleId)
  }
}

@description('Name of the namespace.')
output namespaceName string = namespace.name

@description('Fully qualified namespace host, e.g. <name>.servicebus.windows.net.')
output fullyQualifiedNamespace string = replace(split(namespace.properties.serviceBusEndpoint, '/')[2], ':443', '')

@description('Name of the hub.')
output hubName string = hub.name

@description('Name of the consumer group.')
output consumerGroupName string = consumerGroup.name
