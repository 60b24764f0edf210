// Lead state transitions are serialized per lead through a session-enabled
// queue (session id = lead id) so two commands for the same lead are never
// processed concurrently. Local (SAS) auth is disabled: only Entra ID
// principals holding the queue-scoped Sender/Receiver roles can use it.

@description('Service Bus namespace name.')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Azure region.')
param location string

@description('Tags applied to the namespace.')
param tags { *: string }

@description('Queue carrying lead transition commands.')
param queueName string

@description('Deliveries before a message is dead-lettered.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int

@description('ISO 8601 window in which a repeated MessageId (the command id) is dropped as a duplicate.')
param duplicateDetectionHistoryTimeWindow string

@description('ISO 8601 time-to-live after which an unprocessed command is dead-lettered.')
param defaultMessageTimeToLive string

@description('Queue carrying one message per stored import chunk (LeadFunctions.Functions.LeadImports.ImportQueueName.Name).')
param importsQueueName string

@description('Topic carrying lead events (LeadFunctions.Functions.LeadEvents.LeadEventTopic.Name).')
param leadEventsTopicName string

@description('One subscription per consumer of lead events; each gets every event, one lead\'s in order (sessions).')
param leadEventsSubscriptionNames string[]

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    // Standard is the cheapest tier with sessions and duplicate detection.
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource queue 'queues' = {
    name: queueName
    properties: {
      requiresSession: true
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: duplicateDetectionHistoryTimeWindow
      maxDeliveryCount: maxDeliveryCount
      // Expired commands go to the DLQ (and trip the dead-letter alert) instead of vanishing.
      deadLetteringOnMessageExpiration: true
      lockDuration: 'PT1M'
      defaultMessageTimeToLive: defaultMessageTimeToLive
      enablePartitioning: false
    }
  }

  // Import chunks need no order and no sessions: chunks of one import run side by side. The message id names the
  // chunk, so a repeated send is dropped; a chunk of up to 100 rows gets a longer lock than one command.
  resource importsQueue 'queues' = {
    name: importsQueueName
    properties: {
      requiresSession: false
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: duplicateDetectionHistoryTimeWindow
      maxDeliveryCount: maxDeliveryCount
      deadLetteringOnMessageExpiration: true
      lockDuration: 'PT5M'
      defaultMessageTimeToLive: defaultMessageTimeToLive
      enablePartitioning: false
    }
  }

  // Lead events leave the outbox at least once under their event id (MessageId): duplicate
  // detection drops a republished event, and session id = lead id keeps one lead's events in order.
  resource leadEvents 'topics' = {
    name: leadEventsTopicName
    properties: {
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: duplicateDetectionHistoryTimeWindow
      defaultMessageTimeToLive: defaultMessageTimeToLive
      enablePartitioning: false
      supportOrdering: true
    }

    resource subscriptions 'subscriptions' = [
      for name in leadEventsSubscriptionNames: {
        name: name
        properties: {
          requiresSession: true
          maxDeliveryCount: maxDeliveryCount
          deadLetteringOnMessageExpiration: true
          lockDuration: 'PT1M'
          defaultMessageTimeToLive: defaultMessageTimeToLive
        }
      }
    ]
  }
}

@description('Namespace name.')
output namespaceName string = namespace.name

@description('Namespace resource id (metric alert scope).')
output namespaceId string = namespace.id

@description('Host name the SDK connects to, e.g. <ns>.servicebus.windows.net.')
output fullyQualifiedNamespace string = parseUri(namespace.properties.serviceBusEndpoint).host

@description('Queue name.')
output queueName string = namespace::queue.name

@description('Import queue name.')
output importsQueueName string = namespace::importsQueue.name

@description('Lead-events topic name.')
output leadEventsTopicName string = namespace::leadEvents.name
