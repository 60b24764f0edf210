// The operations workbook: what came in, what sales got, what the clocks
// flagged, and whether sweeps, the transition queue and the API are healthy.
// The panels live in workbook.json beside this file (edit them in the portal's
// Advanced Editor, then paste back); docs/operations.md says what each answers,
// and a test checks every metric and dimension its queries name is one the app
// emits.

@description('Display name of the workbook in the portal.')
param displayName string

@description('Azure region.')
param location string

@description('Tags applied to the workbook.')
param tags { *: string }

@description('Name of the Application Insights component the queries read.')
param applicationInsightsName string

@description('Resource id of the Service Bus namespace (queue depth panel).')
param serviceBusNamespaceId string

@description('Name of the transition queue (queue depth panel filter).')
param transitionsQueueName string

var panels = replace(
  replace(loadTextContent('workbook.json'), '__SERVICE_BUS_NAMESPACE_ID__', serviceBusNamespaceId),
  '__TRANSITIONS_QUEUE__',
  transitionsQueueName
)

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A stable guid per component, so redeploying updates the same workbook.
  name: guid(appInsights.id, 'leadfunctions-operations-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    serializedData: panels
    sourceId: appInsights.id
  }
}

@description('Resource id of the workbook.')
output workbookId string = workbook.id
