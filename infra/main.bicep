// LeadFunctions infrastructure. Subscription-scoped so one deployment
// (azd up, or az deployment sub create) creates the resource group too.
// See docs/infrastructure.md.

targetScope = 'subscription'

import { sweepSchedules } from 'modules/types.bicep'

@minLength(1)
@maxLength(64)
@description('Environment name (azd AZURE_ENV_NAME); seeds the resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region for every resource; must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; empty uses rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the developer running azd (AZURE_PRINCIPAL_ID). Gets the app\'s data roles for local debugging; empty grants nothing.')
param principalId string = ''

@description('Principal type of principalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('HMAC key used to derive pseudonymous lead ids. Stored only in Key Vault. Changing it re-keys every lead.')
@secure()
@minLength(32)
param leadIdentityKey string

@description('Browser origins allowed to call the intake endpoint (CORS and Intake__AllowedOrigins__N).')
param allowedOrigins string[] = []

@description('Upper bound on Flex Consumption scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Deliveries of a transition command before it is dead-lettered.')
@minValue(1)
@maxValue(2000)
param serviceBusMaxDeliveryCount int = 10

// Message id = command id, so this window is how long a re-sent command is
// dropped. One hour covers client retries with back-off and host restarts
// mid-send; replays after that must be made harmless by the handler anyway.
@description('ISO 8601 duplicate detection window for the transitions queue.')
param duplicateDetectionHistoryTimeWindow string = 'PT1H'

@description('ISO 8601 time-to-live of an unprocessed transition command before it is dead-lettered.')
param serviceBusMessageTimeToLive string = 'P14D'

@description('Enable Key Vault purge protection (irreversible once on). Turn off only for throwaway environments.')
param keyVaultEnablePurgeProtection bool = true

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('E-mail notified by the alert rules; empty deploys the alerts without an action group.')
param alertEmail string = ''

@description('The company\'s playbook file inside the deployment package (src/LeadFunctions/playbook.json ships as playbook.json), resolved against the app\'s base directory; empty runs the built-in default playbook.')
param playbookPath string = ''

@description('Application (client) id of the Entra app registration for App Service Authentication; people then sign in to the dashboard and the routes it reads. Empty leaves authentication off.')
param authClientId string = ''

@description('NCRONTAB (with seconds) for the disqualify-no-contact sweep.')
param disqualifyNoContactSchedule string = '0 15 6 * * *'

@description('NCRONTAB (with seconds) for the recycle-dark sweep.')
param recycleDarkSchedule string = '0 30 6 * * *'

@description('NCRONTAB (with seconds) for the flag-check-backs sweep.')
param flagCheckBacksSchedule string = '0 0 7 * * *'

@description('NCRONTAB (with seconds) for the flag-SLA-breaches sweep.')
param flagSlaBreachesSchedule string = '0 */30 * * * *'

@description('NCRONTAB (with seconds) for the assign-queued sweep (leads waiting in a team queue).')
param assignQueuedSchedule string = '0 */5 * * * *'

@description('NCRONTAB (with seconds) for the suppress-unengaged sweep (recycled leads silent since recycling).')
param suppressUnengagedSchedule string = '0 45 6 * * *'

@description('NCRONTAB (with seconds) for the decay-interest sweep (marketing leads whose interest faded).')
param decayInterestSchedule string = '0 0 6 * * *'

// Names are derived from a hash of subscription, environment and region so
// redeploys are idempotent and parallel environments never collide.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var names = {
  identity: 'id-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  serviceBus: 'sb-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
}
var transitionsQueueName = 'lead-transitions'
// LeadFunctions.Functions.LeadImports.ImportQueueName.Name: one message per stored import chunk.
var importsQueueName = 'lead-imports'

// Fixed in code as well (LeadEventTopic): the app sends to the topic and consumes these subscriptions by name.
var leadEventsTopicName = 'lead-events'
var leadEventsSubscriptionNames = [
  'webhooks'
]
var leadsTableName = 'Leads'

// Undelivered webhook events (LeadStorage:DeliveriesTable; the app's default name, so no app setting).
var deliveriesTableName = 'Deliveries'
var leadIdentityKeySecretName = 'LeadIdentity--Key'
var schedules sweepSchedules = {
  disqualifyNoContact: disqualifyNoContactSchedule
  recycleDark: recycleDarkSchedule
  flagCheckBacks: flagCheckBacksSchedule
  flagSlaBreaches: flagSlaBreachesSchedule
  assignQueued: assignQueuedSchedule
  suppressUnengaged: suppressUnengagedSchedule
  decayInterest: decayInterestSchedule
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    tableNames: [
      leadsTableName
      deliveriesTableName
    ]
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    namespaceName: names.serviceBus
    location: location
    tags: tags
    queueName: transitionsQueueName
    importsQueueName: importsQueueName
    maxDeliveryCount: serviceBusMaxDeliveryCount
    duplicateDetectionHistoryTimeWindow: duplicateDetectionHistoryTimeWindow
    defaultMessageTimeToLive: serviceBusMessageTimeToLive
    leadEventsTopicName: leadEventsTopicName
    leadEventsSubscriptionNames: leadEventsSubscriptionNames
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: keyVaultEnablePurgeProtection
    leadIdentityKeySecretName: leadIdentityKeySecretName
    leadIdentityKey: leadIdentityKey
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  // Targets are passed by (deterministic) name, so the ordering is explicit.
  dependsOn: [
    storage
    serviceBus
    monitoring
    keyVault
  ]
  params: {
    // Role assignment names must include the principal id (a recreated
    // identity gets a new one), which only exists once the identity is
    // deployed; What-If therefore cannot predict these assignments.
    #disable-next-line what-if-short-circuiting
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    serviceBusQueueName: transitionsQueueName
    importsQueueName: importsQueueName
    leadEventsTopicName: leadEventsTopicName
    leadEventsSubscriptionNames: leadEventsSubscriptionNames
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    leadIdentityKeySecretName: leadIdentityKeySecretName
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  // The app starts resolving its Key Vault reference and host storage as soon
  // as it exists; create it after its roles so the first start succeeds.
  dependsOn: [
    roles
    monitoring
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    leadsTableName: leadsTableName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    transitionsQueueName: serviceBus.outputs.queueName
    applicationInsightsName: names.applicationInsights
    leadIdentityKeySecretUri: keyVault.outputs.leadIdentityKeySecretUri
    allowedOrigins: allowedOrigins
    schedules: schedules
    playbookPath: playbookPath
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module auth 'modules/auth.bicep' = if (!empty(authClientId)) {
  name: 'auth'
  scope: rg
  dependsOn: [
    functionApp
  ]
  params: {
    functionAppName: names.functionApp
    clientId: authClientId
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: resourceToken
    location: location
    tags: tags
    alertEmail: alertEmail
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    serviceBusNamespaceId: serviceBus.outputs.namespaceId
    serviceBusQueueName: serviceBus.outputs.queueName
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    displayName: 'LeadFunctions operations (${environmentName})'
    location: location
    tags: tags
    applicationInsightsName: names.applicationInsights
    serviceBusNamespaceId: serviceBus.outputs.namespaceId
    transitionsQueueName: serviceBus.outputs.queueName
  }
  dependsOn: [monitoring]
}

// Outputs become azd environment values; none of them is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_USER_ASSIGNED_IDENTITY_NAME string = identity.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output SERVICEBUS_NAMESPACE_FQDN string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICEBUS_QUEUE_NAME string = serviceBus.outputs.queueName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName
