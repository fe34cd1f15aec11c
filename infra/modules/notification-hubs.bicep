metadata name = 'Notification Hubs'
metadata description = 'Notification Hubs namespace and hub, and a Listen + Send shared access rule. Notification Hubs has no Entra ID send path, so the rule key goes straight into Key Vault and the app reads it through a Key Vault reference; it never leaves the deployment as an output.'

import { tagsType } from 'types.bicep'

@description('Namespace name: 6-50 letters, digits and hyphens, globally unique.')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Name of the hub.')
@minLength(1)
@maxLength(260)
param hubName string = 'journey-triggers'

@description('Azure region.')
param location string

@description('Tags applied to every resource of this module.')
param tags tagsType = {}

@description('Tier. Free: 1 M pushes and 500 devices a month, no SLA (trials). Basic: 10 M pushes, 200,000 devices. Standard: 10 M pushes, 10 M devices, telemetry and scheduled pushes.')
@allowed([
  'Free'
  'Basic'
  'Standard'
])
param skuName string = 'Free'

@description('Name of the Listen + Send shared access rule the app signs requests with.')
@minLength(1)
@maxLength(256)
param sendRuleName string = 'JourneyTriggersSend'

@description('Name of an existing Key Vault in this resource group that receives the rule key.')
param keyVaultName string

@description('Name of the Key Vault secret that holds the rule key.')
param sasKeySecretName string = 'notification-hubs-sas-key'

resource namespace 'Microsoft.NotificationHubs/namespaces@2023-09-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    namespaceType: 'NotificationHub'
  }
}

resource hub 'Microsoft.NotificationHubs/namespaces/notificationHubs@2023-09-01' = {
  parent: namespace
  name: hubName
  location: location
  tags: tags
  properties: {}
}

resource sendRule 'Microsoft.NotificationHubs/namespaces/notificationHubs/authorizationRules@2023-09-01' = {
  parent: hub
  name: sendRuleName
  properties: {
    // Listen: the Installations API (create, patch, read, delete); Send: the reminders themselves.
    rights: [
      'Listen'
      'Send'
    ]
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource sasKey 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: sasKeySecretName
  properties: {
    value: sendRule.listKeys().primaryKey
    contentType: 'text/plain'
  }
}

@description('Name of the namespace.')
output namespaceName string = namespace.name

@description('Name of the hub.')
output hubName string = hub.name

@description('Name of the Listen + Send rule (the key name in the SAS token).')
output sendRuleName string = sendRule.name

@description('Versionless URI of the Key Vault secret holding the send rule key.')
output sasKeyUri string = sasKey.properties.secretUri
