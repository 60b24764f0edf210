// Storage backs three things: the Functions host (AzureWebJobsStorage: timer
// schedule monitors and singleton locks), the Flex deployment package
// container, and the app's own Leads table. Shared keys are
// disabled so every caller must authenticate with Entra ID.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags { *: string }

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@description('Tables the app reads and writes.')
param tableNames string[]

resource account 'Microsoft.Storage/storageAccounts@2026-09-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption without VNet integration reaches storage over the public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for tableName in tableNames: {
        name: tableName
      }
    ]
  }
}

@description('Storage account name.')
output name string = account.name

@description('Deployment container name.')
output deploymentContainerName string = account::blobService::deploymentContainer.name
