// Workspace-based Application Insights. Local (instrumentation-key) auth is
// disabled, so telemetry is only accepted from callers holding Monitoring
// Metrics Publisher; the connection string alone is not a credential.

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags { *: string }

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

@description('Name of the Application Insights component.')
output applicationInsightsName string = appInsights.name

@description('Resource id of the Application Insights component (alert scope).')
output applicationInsightsId string = appInsights.id

@description('Name of the Log Analytics workspace.')
output logAnalyticsName string = workspace.name
