// Flex Consumption (FC1) Linux function app running the .NET 10 isolated
// worker. Every dependency is reached with the user-assigned identity:
// the app settings below carry endpoints and the identity's client id, never
// keys. The Key Vault reference is resolved by the platform with that same
// identity (keyVaultReferenceIdentity).

import { sweepSchedules } from 'types.bicep'

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to the plan; the site additionally gets azd-service-name.')
param tags { *: string }

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Storage account used for AzureWebJobsStorage, the deployment package and the lead tables.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Table holding lead documents.')
param leadsTableName string

@description('Service Bus host name, e.g. <ns>.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Session-enabled queue carrying lead transition commands.')
param transitionsQueueName string

@description('Application Insights component receiving telemetry.')
param applicationInsightsName string

@description('Versionless Key Vault URI of the lead identity HMAC key.')
param leadIdentityKeySecretUri string

@description('Browser origins allowed to post to the intake endpoint (CORS and Intake__AllowedOrigins).')
param allowedOrigins string[]

@description('Timer schedules for the sweeps.')
param schedules sweepSchedules

@description('Playbook file in the deployment package, relative to the app\'s base directory; empty uses the built-in playbook.')
param playbookPath string

@description('Upper bound on scale-out instances.')
param maximumInstanceCount int

@description('Memory per instance in MB.')
param instanceMemoryMB int

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var storageSuffix = environment().suffixes.storage

var appSettings = concat(
  [
    // Functions host storage, identity-based.
    { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
    { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
    { name: 'AzureWebJobsStorage__clientId', value: identityClientId }

    // Service Bus trigger/output binding connection ("ServiceBusConnection").
    { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusFullyQualifiedNamespace }
    { name: 'ServiceBusConnection__credential', value: 'managedidentity' }
    { name: 'ServiceBusConnection__clientId', value: identityClientId }
    { name: 'Transitions__QueueName', value: transitionsQueueName }

    // The app's own table client (transitions travel on Service Bus, not storage queues).
    { name: 'LeadStorage__TableServiceUri', value: 'https://${storageAccountName}.table.${storageSuffix}' }
    { name: 'LeadStorage__ClientId', value: identityClientId }
    { name: 'LeadStorage__LeadsTable', value: leadsTableName }
    { name: 'LeadStorage__CreateIfMissing', value: 'false' }

    // Resolved by the platform through keyVaultReferenceIdentity; the app only sees the value.
    { name: 'LeadIdentity__Key', value: '@Microsoft.KeyVault(SecretUri=${leadIdentityKeySecretUri})' }

    // Entra ID ingestion: App Insights has local auth disabled.
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
    { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }

    { name: 'Sweeps__DisqualifyNoContact__Schedule', value: schedules.disqualifyNoContact }
    { name: 'Sweeps__RecycleDark__Schedule', value: schedules.recycleDark }
    { name: 'Sweeps__FlagCheckBacks__Schedule', value: schedules.flagCheckBacks }
    { name: 'Sweeps__FlagSlaBreaches__Schedule', value: schedules.flagSlaBreaches }
    { name: 'Sweeps__AssignQueued__Schedule', value: schedules.assignQueued }
    { name: 'Sweeps__SuppressUnengaged__Schedule', value: schedules.suppressUnengaged }
    { name: 'Sweeps__DecayInterest__Schedule', value: schedules.decayInterest }
  ],
  // Unset means the built-in playbook; a path that names no file in the package stops the app at start.
  empty(playbookPath) ? [] : [{ name: 'Playbook__Path', value: playbookPath }],
  // Binds to an IConfiguration string array: Intake:AllowedOrigins:0, :1, ...
  map(allowedOrigins, (origin, i) => { name: 'Intake__AllowedOrigins__${i}', value: origin })
)

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux plan.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      cors: {
        allowedOrigins: allowedOrigins
        supportCredentials: false
      }
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${storageSuffix}/${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

@description('Function app name.')
output name string = site.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName
