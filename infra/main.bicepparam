// Parameters for infra/main.bicep. Values come from environment variables so
// the same file serves `azd up` (which exports the azd environment, e.g.
// AZURE_ENV_NAME, AZURE_LOCATION, AZURE_PRINCIPAL_ID and anything set with
// `azd env set`) and `az deployment sub create` (export them yourself).
// Nothing secret is stored here: LEAD_IDENTITY_KEY is read at deploy time.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'swedencentral')
param resourceGroupName = readEnvironmentVariable('AZURE_RESOURCE_GROUP', '')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

// Required (no default on purpose: building the parameters fails fast when it
// is missing). At least 32 characters. Generate once per environment, keep it:
//   azd env set LEAD_IDENTITY_KEY "$(openssl rand -base64 48)"
param leadIdentityKey = readEnvironmentVariable('LEAD_IDENTITY_KEY')

// Comma-separated list, e.g. "https://www.example.com,https://example.com".
param allowedOrigins = filter(
  map(split(readEnvironmentVariable('LEAD_ALLOWED_ORIGINS', ''), ','), origin => trim(origin)),
  origin => !empty(origin)
)

// The company's playbook, shipped in the deployment package from
// src/LeadFunctions/playbook.json: `azd env set LEAD_PLAYBOOK_PATH playbook.json`.
// Empty runs the built-in default playbook.
param playbookPath = readEnvironmentVariable('LEAD_PLAYBOOK_PATH', '')

param alertEmail = readEnvironmentVariable('LEAD_ALERT_EMAIL', '')

// The Entra app registration people sign in to (docs/infrastructure.md, "Signing in
// to the dashboard"): `azd env set LEAD_AUTH_CLIENT_ID <appId>`. Empty leaves
// App Service Authentication off.
param authClientId = readEnvironmentVariable('LEAD_AUTH_CLIENT_ID', '')
param keyVaultEnablePurgeProtection = bool(readEnvironmentVariable('LEAD_KEYVAULT_PURGE_PROTECTION', 'true'))

param maximumInstanceCount = 40
param instanceMemoryMB = 2048

param serviceBusMaxDeliveryCount = 10
param duplicateDetectionHistoryTimeWindow = 'PT1H'
param serviceBusMessageTimeToLive = 'P14D'
param logRetentionInDays = 30

param disqualifyNoContactSchedule = '0 15 6 * * *'
param recycleDarkSchedule = '0 30 6 * * *'
param flagCheckBacksSchedule = '0 0 7 * * *'
param flagSlaBreachesSchedule = '0 */30 * * * *'
param assignQueuedSchedule = '0 */5 * * * *'
param suppressUnengagedSchedule = '0 45 6 * * *'
param decayInterestSchedule = '0 0 6 * * *'
