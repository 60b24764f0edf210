// Alerts for the failure modes that need a human: commands that could not be
// applied (dead letters), failing invocations, SLA breaches surfaced by the
// sweep, and sweeps that themselves failed. Notification is optional: with no
// alertEmail the rules still fire and show up in Azure Monitor, just without
// an action group.

@description('Prefix for alert and action group names.')
param namePrefix string

@description('Region for the log alert rules (same as Application Insights).')
param location string

@description('Tags applied to every alert resource.')
param tags { *: string }

@description('E-mail that receives alert notifications; empty creates no action group.')
param alertEmail string

@description('Application Insights component the log alerts query.')
param applicationInsightsId string

@description('Service Bus namespace emitting the DeadletteredMessages metric.')
param serviceBusNamespaceId string

@description('Queue whose dead-letter count is watched.')
param serviceBusQueueName string

var notify = !empty(alertEmail)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (notify) {
  name: 'ag-${namePrefix}'
  // Action groups are a global resource.
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'leadfn'
    enabled: true
    emailReceivers: [
      {
        name: 'oncall'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var metricActions = notify ? [{ actionGroupId: actionGroup.id }] : []
var logActionGroups = notify ? [actionGroup.id] : []

resource deadLetters 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'alert-${namePrefix}-deadletters'
  location: 'global'
  tags: tags
  properties: {
    description: 'Lead transition commands were dead-lettered: a lead did not move to its next state. Inspect the DLQ of ${serviceBusQueueName}, fix the cause, then resubmit or discard.'
    severity: 1
    enabled: true
    scopes: [
      serviceBusNamespaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadletteredMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                serviceBusQueueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: metricActions
  }
}

var logAlerts = [
  {
    suffix: 'function-failures'
    displayName: 'LeadFunctions: failed invocations'
    description: 'At least one function invocation (HTTP, Service Bus or timer) failed in the last 15 minutes. Open the failed requests in Application Insights and follow the operation id to the exception.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    query: 'requests\n| where success == false'
    timeAggregation: 'Count'
    metricMeasureColumn: null
  }
  {
    suffix: 'sla-breaches'
    displayName: 'LeadFunctions: lead SLA breaches'
    description: 'The FlagSlaBreaches sweep found leads past their response SLA in the last hour. Business action: work the flagged leads; no platform fault is implied.'
    severity: 3
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    query: 'customMetrics\n| where name == "leadfunctions.sla.breaches"\n| summarize breaches = sum(valueSum)'
    timeAggregation: 'Total'
    metricMeasureColumn: 'breaches'
  }
  {
    suffix: 'sweep-failures'
    displayName: 'LeadFunctions: sweep failures'
    description: 'A scheduled sweep reported failures in the last hour, so some leads were not disqualified, recycled or flagged. Check the sweep logs; the next scheduled run retries.'
    severity: 2
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    query: 'customMetrics\n| where name == "leadfunctions.sweep.failures"\n| summarize failures = sum(valueSum)'
    timeAggregation: 'Total'
    metricMeasureColumn: 'failures'
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [
  for rule in logAlerts: {
    name: 'alert-${namePrefix}-${rule.suffix}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        applicationInsightsId
      ]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: rule.timeAggregation
            metricMeasureColumn: rule.metricMeasureColumn
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: logActionGroups
      }
    }
  }
]
