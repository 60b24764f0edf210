// One user-assigned identity is shared by the function app, its deployment
// storage, Key Vault references and App Insights ingestion, so access is
// granted in exactly one place (roles.bicep) and survives app re-creation.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id (used for keyVaultReferenceIdentity and Flex deployment storage auth).')
output id string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client id the app passes to DefaultAzureCredential / the Functions host.')
output clientId string = identity.properties.clientId

@description('Object id used for role assignments.')
output principalId string = identity.properties.principalId
