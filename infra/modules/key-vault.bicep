metadata name = 'Key Vault'
metadata description = 'Key Vault (RBAC authorisation, soft delete) holding the app secrets that have no Entra ID alternative: ingestion and admin keys, the unsubscribe signing key. The app identity may read secrets; the deploying principal may read the ingestion and admin keys only, for a first event and a first look.'

import { tagsType } from 'types.bicep'

@description('Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags tagsType = {}

@description('Purge protection: a deleted vault and its secrets cannot be purged during the retention period. Recommended for production; off by default so a trial environment can be torn down and re-created under the same name.')
param enablePurgeProtection bool = false

@description('Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7

@description('Name of the user-assigned identity the Function App runs as (in this resource group), granted Key Vault Secrets User.')
param appIdentityName string

@description('Object id of the person or pipeline running the deployment, granted Key Vault Secrets User on the ingestion and admin key secrets. Empty: no grant.')
param deployerPrincipalId string = ''

@description('Kind of principal deployerPrincipalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

@description('Key storefronts send as `Authorization: Bearer …` to the ingestion routes.')
@secure()
param ingestionKey string

@description('Key for the admin routes (customer inspect/erase, metrics).')
@secure()
param adminKey string

@description('Key that signs and encrypts unsubscribe tokens.')
@secure()
param unsubscribeSigningKey string

// Built-in role: Key Vault Secrets User — read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource ingestionKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'ingestion-key-0'
  properties: {
    value: ingestionKey
    contentType: 'text/plain'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'admin-key'
  properties: {
    value: adminKey
    contentType: 'text/plain'
  }
}

resource unsubscribeSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'unsubscribe-signing-key'
  properties: {
    value: unsubscribeSigningKey
    contentType: 'text/plain'
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

// The deployer reads the two keys a first event and a first look need, not the unsubscribe signing key or the
// Notification Hubs key: the grant is on those two secrets, not on the vault.
resource deployerIngestionKeyReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(ingestionKeySecret.id, deployerPrincipalId, keyVaultSecretsUserRoleId)
  scope: ingestionKeySecret
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

resource deployerAdminKeyReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(adminKeySecret.id, deployerPrincipalId, keyVaultSecretsUserRoleId)
  scope: adminKeySecret
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI, e.g. https://<name>.vault.azure.net/.')
output uri string = vault.properties.vaultUri

@description('Versionless URI of the ingestion key secret (a Key Vault reference follows rotations).')
output ingestionKeyUri string = ingestionKeySecret.properties.secretUri

@description('Versionless URI of the admin key secret.')
output adminKeyUri string = adminKeySecret.properties.secretUri

@description('Versionless URI of the unsubscribe signing key secret.')
output unsubscribeSigningKeyUri string = unsubscribeSigningKeySecret.properties.secretUri
