#include "services/common/defaults.hpp"

#include "services/common/fusionauth_ids.hpp"

namespace latchkey::services {

const json::object& tenant_defaults() {
  static const json::object kDefaults = *json::parse_object(R"({
    "issuer": "acme.com",
    "state": "Active",
    "data": {},
    "httpSessionMaxInactiveInterval": 3600,
    "jwtConfiguration": {
      "enabled": true,
      "timeToLiveInSeconds": 3600,
      "refreshTokenTimeToLiveInMinutes": 43200,
      "refreshTokenExpirationPolicy": "Fixed",
      "refreshTokenUsagePolicy": "Reusable",
      "refreshTokenSlidingWindowConfiguration": {"maximumTimeToLiveInMinutes": 43200},
      "refreshTokenOneTimeUseConfiguration": {"gracePeriodInSeconds": 0},
      "refreshTokenRevocationPolicy": {
        "onLoginPrevented": true,
        "onMultiFactorEnable": false,
        "onOneTimeTokenReuse": true,
        "onPasswordChanged": true
      },
      "accessTokenVerificationKeyIds": [],
      "idTokenVerificationKeyIds": []
    },
    "loginConfiguration": {"requireAuthentication": true},
    "eventConfiguration": {"events": {}},
    "passwordEncryptionConfiguration": {
      "encryptionScheme": "salted-pbkdf2-hmac-sha256",
      "encryptionSchemeFactor": 24000,
      "modifyEncryptionSchemeOnLogin": false
    },
    "failedAuthenticationConfiguration": {
      "tooManyAttempts": 5,
      "resetCountInSeconds": 60,
      "actionDuration": 3,
      "actionDurationUnit": "MINUTES",
      "actionCancelPolicy": {"onPasswordReset": false},
      "emailUser": false
    },
    "externalIdentifierConfiguration": {
      "authorizationGrantIdTimeToLiveInSeconds": 30,
      "changePasswordIdTimeToLiveInSeconds": 600,
      "twoFactorIdTimeToLiveInSeconds": 300
    },
    "passwordValidationRules": {
      "minLength": 8,
      "maxLength": 256
    }
  })");
  return kDefaults;
}

const json::object& application_defaults() {
  static const json::object kDefaults = *json::parse_object(R"({
    "active": true,
    "state": "Active",
    "data": {},
    "roles": [],
    "scopes": [],
    "verifyRegistration": false,
    "jwtConfiguration": {
      "enabled": false,
      "timeToLiveInSeconds": 3600,
      "refreshTokenTimeToLiveInMinutes": 43200,
      "refreshTokenExpirationPolicy": "Fixed",
      "refreshTokenUsagePolicy": "Reusable",
      "refreshTokenSlidingWindowConfiguration": {"maximumTimeToLiveInMinutes": 43200},
      "refreshTokenOneTimeUseConfiguration": {"gracePeriodInSeconds": 0},
      "refreshTokenRevocationPolicy": {"onLoginPrevented": true, "onPasswordChanged": true,
                                       "onOneTimeTokenReuse": true}
    },
    "loginConfiguration": {
      "allowTokenRefresh": false,
      "generateRefreshTokens": false,
      "requireAuthentication": true
    },
    "oauthConfiguration": {
      "authorizedOriginURLs": [],
      "authorizedRedirectURLs": [],
      "authorizedURLValidationPolicy": "ExactMatch",
      "clientAuthenticationPolicy": "Required",
      "enabledGrants": [],
      "generateRefreshTokens": false,
      "logoutBehavior": "AllApplications",
      "proofKeyForCodeExchangePolicy": "NotRequired",
      "relationship": "FirstParty",
      "requireClientAuthentication": true,
      "requireRegistration": false,
      "scopeHandlingPolicy": "Strict",
      "unknownScopePolicy": "Reject"
    },
    "registrationConfiguration": {"enabled": false, "type": "basic", "loginIdType": "email"}
  })");
  return kDefaults;
}

json::object fusionauth_application_document() {
  auto doc = *json::parse_object(R"({
    "name": "FusionAuth",
    "jwtConfiguration": {
      "enabled": true,
      "timeToLiveInSeconds": 60,
      "refreshTokenTimeToLiveInMinutes": 60,
      "refreshTokenExpirationPolicy": "SlidingWindow",
      "refreshTokenUsagePolicy": "OneTimeUse"
    },
    "oauthConfiguration": {
      "enabledGrants": ["authorization_code", "refresh_token"],
      "proofKeyForCodeExchangePolicy": "Required",
      "clientAuthenticationPolicy": "Required",
      "requireClientAuthentication": true
    },
    "roles": [
      {"name": "admin", "description": "Global admin", "isDefault": false, "isSuperRole": true},
      {"name": "api_key_manager", "isDefault": false, "isSuperRole": false},
      {"name": "user_manager", "isDefault": false, "isSuperRole": false}
    ]
  })");
  doc["roles"].as_array()[0].as_object()["id"] = kFusionAuthAdminRoleId;
  return doc;
}

}  // namespace latchkey::services
