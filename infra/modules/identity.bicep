metadata name = 'Application identity'
metadata description = 'The user-assigned managed identity the Function App runs as. Every data-plane permission of the app is granted to this identity, in the module that owns the resource.'

import { tagsType } from 'types.bicep'

@description('Name of the user-assigned managed identity.')
@minLength(3)
@maxLength(128)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags tagsType = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Name of the identity.')
output name string = identity.name

@description('Client id of the identity, for settings that pick it (`__clientId`, `AZURE_CLIENT_ID`).')
output clientId string = identity.properties.clientId
