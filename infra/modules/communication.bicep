metadata name = 'Communication Services Email'
metadata description = 'Email Communication Service with an Azure-managed domain, linked to a Communication Services resource with access keys off; a custom role with only the permissions Entra ID email sending checks, assigned to the app identity on that resource.'

import { tagsType } from 'types.bicep'

@description('Name of the Communication Services resource (1-63 letters, digits and hyphens, globally unique).')
@minLength(1)
@maxLength(63)
param communicationServiceName string

@description('Name of the Email Communication Service.')
@minLength(1)
@maxLength(63)
param emailServiceName string

@description('Tags applied to every resource of this module.')
param tags tagsType = {}

@description('Geography where Communication Services stores data at rest. Cannot be changed after creation.')
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
param dataLocation string = 'Asia Pacific'

@description('Name of the user-assigned identity the Function App runs as (in this resource group).')
param appIdentityName string

// Communication Services has no data actions and no built-in "email sender" role: sending email with an
// Entra ID token is authorised against these three control-plane actions (the set Microsoft documents for
// Entra ID email sending, e.g. SMTP authentication). A custom role with exactly them is far narrower than
// Contributor or "Communication and Email Service Owner", and it is assigned on the Communication Services
// resource only, so the identity cannot touch any other resource.
var emailSenderActions = [
  'Microsoft.Communication/CommunicationServices/Read'
  'Microsoft.Communication/CommunicationServices/Write'
  'Microsoft.Communication/EmailServices/write'
]

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    // Access keys (HMAC) off: the app sends with an Entra ID token of its managed identity.
    disableLocalAuth: true
    linkedDomains: [
      managedDomain.id
    ]
  }
}

resource emailSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'journeytriggers-acs-email-sender')
  properties: {
    // Role names are unique per tenant: the suffix keeps one per resource group.
    roleName: 'JourneyTriggers ACS Email Sender ${uniqueString(resourceGroup().id)}'
    description: 'Send email through Azure Communication Services with an Entra ID token. Nothing else.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: emailSenderActions
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

resource emailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, appIdentity.id, emailSenderRole.id)
  scope: communicationService
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: emailSenderRole.id
  }
}

@description('Name of the Communication Services resource.')
output communicationServiceName string = communicationService.name

@description('Communication Services endpoint the app sends email through, e.g. https://<name>.<geo>.communication.azure.com.')
output endpoint string = 'https://${communicationService.properties.hostName}'

@description('Sender address: an Azure-managed domain offers the DoNotReply user name only (other names need a custom domain).')
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'

@description('The Azure-managed sender domain.')
output senderDomain string = managedDomain.properties.mailFromSenderDomain
