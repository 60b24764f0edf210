// Least-privilege data-plane access for the app identity (and, optionally,
// the developer running azd, so the app can be debugged locally against the
// deployed resources). Each role sits on the narrowest scope that still
// works; see docs/infrastructure.md for the reasoning per role.

@description('Object id of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Optional object id of the deploying developer; empty grants nothing.')
param userPrincipalId string

@description('Principal type of userPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param userPrincipalType string

@description('Storage account holding the host state, deployment package and lead tables.')
param storageAccountName string

@description('Service Bus namespace of the transitions queue.')
param serviceBusNamespaceName string

@description('Transitions queue (Sender/Receiver scope).')
param serviceBusQueueName string

@description('Import queue (Sender/Receiver scope: the import route sends chunks, the trigger takes them).')
param importsQueueName string

@description('Lead-events topic (Sender scope: the relay publishes to it).')
param leadEventsTopicName string

@description('Lead-events subscriptions the app consumes (Receiver scope each).')
param leadEventsSubscriptionNames string[]

@description('Application Insights component (Monitoring Metrics Publisher scope).')
param applicationInsightsName string

@description('Key Vault holding the lead identity key.')
param keyVaultName string

@description('Secret the app reads (Key Vault Secrets User scope).')
param leadIdentityKeySecretName string

// Built-in role definition ids (identical in every Azure cloud).
var roleIds = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

var principals = concat(
  [
    { id: identityPrincipalId, type: 'ServicePrincipal' }
  ],
  empty(userPrincipalId) ? [] : [{ id: userPrincipalId, type: userPrincipalType }]
)

// Blob Data Owner sits on the account, not the deployment container: the
// Functions host creates and leases blobs in its own containers
// (azure-webjobs-hosts for timer/singleton locks, azure-webjobs-secrets for
// keys), which a container-scoped grant would not cover. No queue role: the
// app's transitions use Service Bus, and the host needs storage queues only for
// blob, queue or Durable triggers, which this app has none of.
var storageAssignments = flatten(map(principals, p => map(
  [
    roleIds.storageTableDataContributor
    roleIds.storageBlobDataOwner
  ],
  role => { principalId: p.id, principalType: p.type, roleId: role }
)))

var queueAssignments = flatten(map(principals, p => map(
  [
    roleIds.serviceBusDataSender
    roleIds.serviceBusDataReceiver
  ],
  role => { principalId: p.id, principalType: p.type, roleId: role }
)))

var topicAssignments = map(principals, p => { principalId: p.id, principalType: p.type, roleId: roleIds.serviceBusDataSender })

var subscriptionAssignments = flatten(map(principals, p => map(
  leadEventsSubscriptionNames,
  name => { principalId: p.id, principalType: p.type, roleId: roleIds.serviceBusDataReceiver, subscription: name }
)))

var secretAssignments = map(principals, p => { principalId: p.id, principalType: p.type, roleId: roleIds.keyVaultSecretsUser })

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName

  resource queue 'queues' existing = {
    name: serviceBusQueueName
  }

  resource importsQueue 'queues' existing = {
    name: importsQueueName
  }

  resource leadEvents 'topics' existing = {
    name: leadEventsTopicName
  }
}

resource leadEventSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' existing = [
  for name in leadEventsSubscriptionNames: {
    parent: serviceBusNamespace::leadEvents
    name: name
  }
]

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName

  resource leadIdentityKeySecret 'secrets' existing = {
    name: leadIdentityKeySecretName
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in storageAssignments: {
    name: guid(storage.id, a.principalId, a.roleId)
    scope: storage
    properties: {
      principalId: a.principalId
      principalType: a.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
    }
  }
]

resource queueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in queueAssignments: {
    name: guid(serviceBusNamespace::queue.id, a.principalId, a.roleId)
    scope: serviceBusNamespace::queue
    properties: {
      principalId: a.principalId
      principalType: a.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
    }
  }
]

// Import-queue-scoped Sender and Receiver, the same pair as the transitions queue and no wider.
resource importsQueueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in queueAssignments: {
    name: guid(serviceBusNamespace::importsQueue.id, a.principalId, a.roleId)
    scope: serviceBusNamespace::importsQueue
    properties: {
      principalId: a.principalId
      principalType: a.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
    }
  }
]

// Topic-scoped Sender: the app can publish lead events and nothing else there.
resource topicRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in topicAssignments: {
    name: guid(serviceBusNamespace::leadEvents.id, a.principalId, a.roleId)
    scope: serviceBusNamespace::leadEvents
    properties: {
      principalId: a.principalId
      principalType: a.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
    }
  }
]

// Subscription-scoped Receiver: each consumer reads its own subscription only.
resource subscriptionRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (a, i) in subscriptionAssignments: {
    name: guid(serviceBusNamespace::leadEvents.id, a.subscription, a.principalId, a.roleId)
    scope: leadEventSubscriptions[indexOf(leadEventsSubscriptionNames, a.subscription)]
    properties: {
      principalId: a.principalId
      principalType: a.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
    }
  }
]

// Secret-scoped rather than vault-scoped: the app can read this one secret only.
resource secretRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in secretAssignments: {
    name: guid(keyVault::leadIdentityKeySecret.id, a.principalId, a.roleId)
    scope: keyVault::leadIdentityKeySecret
    properties: {
      principalId: a.principalId
      principalType: a.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', a.roleId)
    }
  }
]

// Required because App Insights has local auth disabled; only the app sends telemetry.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityPrincipalId, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
  }
}
