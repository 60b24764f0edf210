// App Service Authentication (Easy Auth) with Microsoft Entra ID in front of the
// function app: people sign in as themselves to reach the dashboard and the
// routes behind it, instead of being handed a function key. Website intake and
// the health probe stay open. See docs/infrastructure.md for the app registration.

@description('Name of the existing function app.')
param functionAppName string

@minLength(1)
@description('Application (client) id of the Entra app registration users sign in to.')
param clientId string

@description('Paths served without a sign-in (website intake and the health probe); a trailing /* stands for everything below the path.')
param excludedPaths string[] = [
  '/api/forms/*'
  '/api/health'
]

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource auth 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      // An API answers 401 rather than redirecting a script to a login page;
      // a person signs in at /.auth/login/aad, which the dashboard links to.
      unauthenticatedClientAction: 'Return401'
      excludedPaths: excludedPaths
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          // Single tenant: only this directory's accounts (login endpoint of the cloud deployed to).
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${clientId}'
            clientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}
