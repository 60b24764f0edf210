// Holds the HMAC key used to derive pseudonymous lead ids. Losing or changing
// it silently re-keys every lead, so soft delete is always on and purge
// protection is on by default. Access is Azure RBAC only (no access policies).

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags { *: string }

@description('Block purging deleted secrets for the retention period. Cannot be turned off once enabled.')
param enablePurgeProtection bool

@description('Name of the secret holding the lead identity HMAC key.')
param leadIdentityKeySecretName string

@description('The lead identity HMAC key.')
@secure()
param leadIdentityKey string

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The API rejects an explicit false; omit the property to leave it disabled.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }

  resource leadIdentityKeySecret 'secrets' = {
    name: leadIdentityKeySecretName
    properties: {
      value: leadIdentityKey
      contentType: 'HMAC key (lead id pseudonymisation)'
    }
  }
}

@description('Key Vault name.')
output name string = vault.name

@description('Vault URI, e.g. https://<name>.vault.azure.net/')
output uri string = vault.properties.vaultUri

@description('Name of the lead identity key secret (role assignment scope).')
output leadIdentityKeySecretName string = vault::leadIdentityKeySecret.name

@description('Versionless secret URI, so a rotated key is picked up without redeploying.')
output leadIdentityKeySecretUri string = vault::leadIdentityKeySecret.properties.secretUri
