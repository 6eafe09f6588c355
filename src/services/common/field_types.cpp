#include "services/common/field_types.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

// Small pieces several objects share.
constexpr FieldSpec kStringMap[] = {{"*", kString}};  // Map<String, String>
constexpr FieldSpec kBoolMap[] = {{"*", kBool}};      // Map<EventType, Boolean>
constexpr FieldSpec kStringSetMap[] = {{"*", kStringArray}};

// io.fusionauth.domain.ApplicationRole. Its public ApplicationRole(String name) lets Jackson read
// a bare "admin" as {"name": "admin"}, which FusionAuth's own scripts and kickstarts rely on.
constexpr FieldSpec kRole[] = {
    {"id", kUuid},        {"name", kString},      {"description", kString},
    {"isDefault", kBool}, {"isSuperRole", kBool},
};

// ApplicationOAuthScope (the OAuth Scope API).
constexpr FieldSpec kApplicationOAuthScope[] = {
    {"id", kUuid},
    {"applicationId", kUuid},
    {"name", kString},
    {"description", kString},
    {"defaultConsentDetail", kString},
    {"defaultConsentMessage", kString},
    {"required", kBool},
    {"data", kObject},
};

// TwoFactorMethod(String method) is FusionAuth's shorthand likewise.
constexpr FieldSpec kTwoFactorMethod[] = {
    {"id", kString},     {"method", kString}, {"email", kString},         {"mobilePhone", kString},
    {"secret", kString}, {"lastUsed", kBool}, {"authenticator", kObject},
};

constexpr FieldSpec kUserTwoFactor[] = {
    {"methods", kObjectArray, kTwoFactorMethod, "method"},
    {"recoveryCodes", kStringArray},
};

constexpr FieldSpec kUser[] = {
    {"id", kUuid},
    {"tenantId", kUuid},
    {"email", kString},
    {"username", kString},
    {"password", kString},
    {"encryptionScheme", kString},
    {"factor", kInt},
    {"salt", kString},
    {"firstName", kString},
    {"middleName", kString},
    {"lastName", kString},
    {"fullName", kString},
    {"mobilePhone", kString},
    {"phoneNumber", kString},
    {"parentEmail", kString},
    {"imageUrl", kString},
    {"timezone", kString},
    {"birthDate", kString},
    {"active", kBool},
    {"verified", kBool},
    {"passwordChangeRequired", kBool},
    {"passwordChangeReason", kString},
    {"expiry", kLong},
    {"data", kObject},
    {"twoFactor", kObject, kUserTwoFactor},
    {"preferredLanguages", kStringArray},
};

constexpr FieldSpec kRegistration[] = {
    {"id", kUuid},           {"applicationId", kUuid}, {"username", kString},
    {"data", kObject},       {"timezone", kString},    {"preferredLanguages", kStringArray},
    {"roles", kStringArray}, {"verified", kBool},      {"authenticationToken", kString},
};

// JWTConfiguration, shared by tenants and applications.
constexpr FieldSpec kSlidingWindow[] = {{"maximumTimeToLiveInMinutes", kInt}};
constexpr FieldSpec kOneTimeUse[] = {{"gracePeriodInSeconds", kInt}};
constexpr FieldSpec kRevocationPolicy[] = {
    {"onLoginPrevented", kBool},
    {"onMultiFactorEnable", kBool},
    {"onOneTimeTokenReuse", kBool},
    {"onPasswordChanged", kBool},
};
constexpr FieldSpec kJwtConfiguration[] = {
    {"enabled", kBool},
    {"timeToLiveInSeconds", kInt},
    {"refreshTokenTimeToLiveInMinutes", kInt},
    {"accessTokenKeyId", kUuid},
    {"idTokenKeyId", kUuid},
    {"refreshTokenExpirationPolicy", kString},
    {"refreshTokenUsagePolicy", kString},
    {"refreshTokenSlidingWindowConfiguration", kObject, kSlidingWindow},
    {"refreshTokenOneTimeUseConfiguration", kObject, kOneTimeUse},
    {"refreshTokenRevocationPolicy", kObject, kRevocationPolicy},
};

constexpr FieldSpec kApplicationLogin[] = {
    {"allowTokenRefresh", kBool},
    {"generateRefreshTokens", kBool},
    {"requireAuthentication", kBool},
};

constexpr FieldSpec kOAuthConfiguration[] = {
    {"clientId", kString},
    {"clientSecret", kString},
    {"authorizedRedirectURLs", kStringArray},
    {"authorizedOriginURLs", kStringArray},
    {"enabledGrants", kStringArray},
    {"generateRefreshTokens", kBool},
    {"requireClientAuthentication", kBool},
    {"requireRegistration", kBool},
    {"debug", kBool},
    {"clientAuthenticationPolicy", kString},
    {"proofKeyForCodeExchangePolicy", kString},
    {"scopeHandlingPolicy", kString},
    {"logoutURL", kString},
    {"logoutBehavior", kString},
};

constexpr FieldSpec kApplication[] = {
    {"id", kUuid},
    {"tenantId", kUuid},
    {"name", kString},
    {"active", kBool},
    {"verifyRegistration", kBool},
    {"data", kObject},
    {"roles", kObjectArray, kRole, "name"},
    {"jwtConfiguration", kObject, kJwtConfiguration},
    {"loginConfiguration", kObject, kApplicationLogin},
    {"oauthConfiguration", kObject, kOAuthConfiguration},
};

constexpr FieldSpec kPasswordEncryption[] = {
    {"encryptionScheme", kString},
    {"encryptionSchemeFactor", kInt},
    {"modifyEncryptionSchemeOnLogin", kBool},
};

constexpr FieldSpec kPasswordValidationRules[] = {
    {"minLength", kInt},
    {"maxLength", kInt},
    {"requireMixedCase", kBool},
    {"requireNonAlpha", kBool},
    {"requireNumber", kBool},
    {"validateOnLogin", kBool},
    {"disallowUserLoginId", kBool},
};

constexpr FieldSpec kActionCancelPolicy[] = {{"onPasswordReset", kBool}};
constexpr FieldSpec kFailedAuthentication[] = {
    {"actionCancelPolicy", kObject, kActionCancelPolicy},
    {"actionDuration", kLong},
    {"actionDurationUnit", kString},
    {"emailUser", kBool},
    {"resetCountInSeconds", kInt},
    {"tooManyAttempts", kInt},
    {"userActionId", kUuid},
};

constexpr FieldSpec kEventSetting[] = {{"enabled", kBool}, {"transactionType", kString}};
constexpr FieldSpec kEventSettings[] = {{"*", kObject, kEventSetting}};
constexpr FieldSpec kEventConfiguration[] = {{"events", kObject, kEventSettings}};

// ExternalIdentifierConfiguration: every *TimeToLiveInSeconds member is a Java int.
constexpr FieldSpec kExternalIdentifiers[] = {
    {"authorizationGrantIdTimeToLiveInSeconds", kInt},
    {"changePasswordIdTimeToLiveInSeconds", kInt},
    {"deviceCodeTimeToLiveInSeconds", kInt},
    {"emailVerificationIdTimeToLiveInSeconds", kInt},
    {"externalAuthenticationIdTimeToLiveInSeconds", kInt},
    {"oneTimePasswordTimeToLiveInSeconds", kInt},
    {"passwordlessLoginTimeToLiveInSeconds", kInt},
    {"pendingAccountLinkTimeToLiveInSeconds", kInt},
    {"registrationVerificationIdTimeToLiveInSeconds", kInt},
    {"setupPasswordIdTimeToLiveInSeconds", kInt},
    {"trustTokenTimeToLiveInSeconds", kInt},
    {"twoFactorIdTimeToLiveInSeconds", kInt},
    {"twoFactorOneTimeCodeIdTimeToLiveInSeconds", kInt},
    {"twoFactorTrustIdTimeToLiveInSeconds", kInt},
};

constexpr FieldSpec kEmailUnverified[] = {{"behavior", kString}};
constexpr FieldSpec kEmailConfiguration[] = {
    {"verifyEmail", kBool},
    {"verifyEmailWhenChanged", kBool},
    {"unverified", kObject, kEmailUnverified},
};

constexpr FieldSpec kTenantLogin[] = {{"requireAuthentication", kBool}};

constexpr FieldSpec kTenant[] = {
    {"id", kUuid},
    {"name", kString},
    {"issuer", kString},
    {"logoutURL", kString},
    {"httpSessionMaxInactiveInterval", kInt},
    {"data", kObject},
    {"jwtConfiguration", kObject, kJwtConfiguration},
    {"loginConfiguration", kObject, kTenantLogin},
    {"passwordEncryptionConfiguration", kObject, kPasswordEncryption},
    {"passwordValidationRules", kObject, kPasswordValidationRules},
    {"failedAuthenticationConfiguration", kObject, kFailedAuthentication},
    {"eventConfiguration", kObject, kEventConfiguration},
    {"externalIdentifierConfiguration", kObject, kExternalIdentifiers},
    {"emailConfiguration", kObject, kEmailConfiguration},
};

constexpr FieldSpec kApiKeyPermissions[] = {{"endpoints", kObject, kStringSetMap}};
constexpr FieldSpec kApiKeyMetaData[] = {{"attributes", kObject, kStringMap}};
constexpr FieldSpec kApiKey[] = {
    {"id", kUuid},
    {"key", kString},
    {"tenantId", kUuid},
    {"keyManager", kBool},
    {"permissions", kObject, kApiKeyPermissions},
    {"metaData", kObject, kApiKeyMetaData},
    {"retrievable", kBool},
    {"expirationInstant", kLong},
    {"name", kString},
    {"ipAccessControlListId", kUuid},
};

// io.fusionauth.domain.Key (Key Master).
constexpr FieldSpec kKey[] = {
    {"id", kUuid},          {"algorithm", kString},  {"type", kString},        {"name", kString},
    {"issuer", kString},    {"kid", kString},        {"length", kInt},         {"secret", kString},
    {"publicKey", kString}, {"privateKey", kString}, {"certificate", kString},
};

constexpr FieldSpec kWebhookSignature[] = {{"enabled", kBool}, {"signingKeyId", kUuid}};
constexpr FieldSpec kWebhook[] = {
    {"id", kUuid},
    {"url", kString},
    {"connectTimeout", kInt},
    {"readTimeout", kInt},
    {"description", kString},
    {"eventsEnabled", kObject, kBoolMap},
    {"global", kBool},
    {"tenantIds", kUuidArray},
    {"headers", kObject, kStringMap},
    {"httpAuthenticationUsername", kString},
    {"httpAuthenticationPassword", kString},
    {"signatureConfiguration", kObject, kWebhookSignature},
    {"sslCertificate", kString},
    {"sslCertificateKeyId", kUuid},
    {"data", kObject},
};

constexpr FieldSpec kProviderOAuth2[] = {
    {"emailClaim", kString},
    {"emailVerifiedClaim", kString},
    {"uniqueIdClaim", kString},
    {"usernameClaim", kString},
    {"authorization_endpoint", kString},
    {"token_endpoint", kString},
    {"issuer", kString},
    {"scope", kString},
};
constexpr FieldSpec kProviderApplication[] = {
    {"enabled", kBool}, {"createRegistration", kBool}, {"data", kObject}};
constexpr FieldSpec kProviderApplications[] = {{"*", kObject, kProviderApplication}};
constexpr FieldSpec kProviderLambda[] = {{"reconcileId", kUuid}};
// ExternalJWTIdentityProvider and the BaseIdentityProvider members Latchkey reads.
constexpr FieldSpec kIdentityProvider[] = {
    {"id", kUuid},
    {"type", kString},
    {"name", kString},
    {"enabled", kBool},
    {"debug", kBool},
    {"headerKeyParameter", kString},
    {"defaultKeyId", kUuid},
    {"verificationKeyIds", kUuidArray},
    {"keys", kObject},  // legacy kid -> PEM; the service reports a non-PEM entry itself
    {"uniqueIdentityClaim", kString},
    {"oauth2", kObject, kProviderOAuth2},
    {"claimMap", kObject, kStringMap},
    {"domains", kStringArray},
    {"linkingStrategy", kString},
    {"applicationConfiguration", kObject, kProviderApplications},
    {"lambdaConfiguration", kObject, kProviderLambda},
    {"tenantConfiguration", kObject},
    {"tenantId", kUuid},
    {"source", kString},
    {"data", kObject},
};

// Request bodies. BaseEventRequest.eventInfo and BaseLoginRequest are repeated where used.
constexpr FieldSpec kDevice[] = {
    {"description", kString},
    {"lastAccessedAddress", kString},
    {"lastAccessedInstant", kLong},
    {"name", kString},
    {"type", kString},
};
constexpr FieldSpec kLoginMetaData[] = {
    {"device", kObject, kDevice}, {"scopes", kStringArray}, {"data", kObject}};

constexpr FieldSpec kUserRequestFields[] = {
    {"user", kObject, kUser},          {"applicationId", kUuid},
    {"currentPassword", kString},      {"disableDomainBlock", kBool},
    {"sendSetPasswordEmail", kBool},   {"skipVerification", kBool},
    {"verificationIds", kStringArray}, {"eventInfo", kObject},
};

constexpr FieldSpec kUserDeleteRequestFields[] = {
    {"hardDelete", kBool}, {"dryRun", kBool}, {"eventInfo", kObject}};

constexpr FieldSpec kRegistrationRequestFields[] = {
    {"registration", kObject, kRegistration},
    {"user", kObject, kUser},
    {"disableDomainBlock", kBool},
    {"generateAuthenticationToken", kBool},
    {"sendSetPasswordEmail", kBool},
    {"skipRegistrationVerification", kBool},
    {"skipVerification", kBool},
    {"verificationIds", kStringArray},
    {"eventInfo", kObject},
};

constexpr FieldSpec kApplicationRequestFields[] = {
    {"application", kObject, kApplication},
    {"role", kObject, kRole, "name"},
    {"sourceApplicationId", kUuid},
    {"eventInfo", kObject},
};

constexpr FieldSpec kApplicationOAuthScopeRequestFields[] = {
    {"scope", kObject, kApplicationOAuthScope},
    {"eventInfo", kObject},
};

constexpr FieldSpec kTenantRequestFields[] = {
    {"tenant", kObject, kTenant},
    {"sourceTenantId", kUuid},
    {"webhookIds", kUuidArray},
    {"eventInfo", kObject},
};

constexpr FieldSpec kApiKeyRequestFields[] = {
    {"apiKey", kObject, kApiKey},
    {"sourceKeyId", kUuid},
};

constexpr FieldSpec kKeyRequestFields[] = {{"key", kObject, kKey}};

constexpr FieldSpec kWebhookRequestFields[] = {{"webhook", kObject, kWebhook}};

// io.fusionauth.domain.Group; roleIds travel beside it in GroupRequest.
constexpr FieldSpec kGroup[] = {
    {"id", kUuid},     {"name", kString},        {"tenantId", kUuid},
    {"data", kObject}, {"insertInstant", kLong}, {"lastUpdateInstant", kLong},
};
constexpr FieldSpec kGroupRequestFields[] = {{"group", kObject, kGroup}, {"roleIds", kUuidArray}};
// MemberRequest: members keyed by group id, each a list of GroupMember.
constexpr FieldSpec kMemberRequestFields[] = {{"members", kObject}};
// MemberDeleteRequest: member ids, or user ids keyed by group id.
constexpr FieldSpec kMemberDeleteRequestFields[] = {{"memberIds", kUuidArray},
                                                    {"members", kObject}};
constexpr FieldSpec kGroupSearchCriteria[] = {
    {"name", kString},         {"tenantId", kUuid},  {"startRow", kInt},
    {"numberOfResults", kInt}, {"orderBy", kString},
};
constexpr FieldSpec kGroupSearchRequestFields[] = {{"search", kObject, kGroupSearchCriteria}};
constexpr FieldSpec kGroupMemberSearchCriteria[] = {
    {"groupId", kUuid},        {"userId", kUuid},    {"startRow", kInt},
    {"numberOfResults", kInt}, {"orderBy", kString},
};
constexpr FieldSpec kGroupMemberSearchRequestFields[] = {
    {"search", kObject, kGroupMemberSearchCriteria}};

constexpr FieldSpec kIdentityProviderRequestFields[] = {
    {"identityProvider", kObject, kIdentityProvider}};

constexpr FieldSpec kLoginRequestFields[] = {
    {"loginId", kString},          {"loginIdTypes", kStringArray},
    {"password", kString},         {"oneTimePassword", kString},
    {"twoFactorTrustId", kString}, {"applicationId", kUuid},
    {"ipAddress", kString},        {"metaData", kObject, kLoginMetaData},
    {"newDevice", kBool},          {"noJWT", kBool},
};

constexpr FieldSpec kTwoFactorLoginRequestFields[] = {
    {"twoFactorId", kString},
    {"code", kString},
    {"trustComputer", kBool},
    {"userId", kUuid},
    {"applicationId", kUuid},
    {"ipAddress", kString},
    {"metaData", kObject, kLoginMetaData},
    {"newDevice", kBool},
    {"noJWT", kBool},
};

// IdentityProviderLoginRequest; reconcile also takes the deprecated encodedJWT.
constexpr FieldSpec kIdentityProviderLoginRequestFields[] = {
    {"applicationId", kUuid},
    {"identityProviderId", kUuid},
    {"connectionTestId", kString},
    {"data", kObject, kStringMap},  // Map<String, String>: data.token, data.refresh_token
    {"encodedJWT", kString},
    {"ipAddress", kString},
    {"metaData", kObject, kLoginMetaData},
    {"newDevice", kBool},
    {"noJWT", kBool},
    {"noLink", kBool},
};

// JWTVendRequest. The ranges a TTL may take are the token service's rule, not a type.
constexpr FieldSpec kVendRequestFields[] = {
    {"claims", kObject},
    {"keyId", kUuid},
    {"timeToLiveInSeconds", kLong},
};

constexpr FieldSpec kRefreshRequestFields[] = {
    {"refreshToken", kString},
    {"token", kString},
    {"timeToLiveInSeconds", kInt},
    {"eventInfo", kObject},
};

constexpr FieldSpec kRefreshTokenRevokeRequestFields[] = {
    {"applicationId", kUuid},
    {"token", kString},
    {"userId", kUuid},
    {"eventInfo", kObject},
};

constexpr FieldSpec kChangePasswordRequestFields[] = {
    {"applicationId", kUuid},  {"changePasswordId", kString},  {"currentPassword", kString},
    {"loginId", kString},      {"loginIdTypes", kStringArray}, {"password", kString},
    {"refreshToken", kString}, {"trustChallenge", kString},    {"trustToken", kString},
    {"eventInfo", kObject},
};

}  // namespace

const Schema kUserFields = kUser;
const Schema kRegistrationFields = kRegistration;
const Schema kApplicationFields = kApplication;
const Schema kApplicationRoleFields = kRole;
const Schema kApplicationOAuthScopeFields = kApplicationOAuthScope;
const Schema kTenantFields = kTenant;
const Schema kApiKeyFields = kApiKey;
const Schema kKeyFields = kKey;
const Schema kWebhookFields = kWebhook;
const Schema kIdentityProviderFields = kIdentityProvider;
const Schema kGroupFields = kGroup;

const Schema kUserRequest = kUserRequestFields;
const Schema kUserDeleteRequest = kUserDeleteRequestFields;
const Schema kRegistrationRequest = kRegistrationRequestFields;
const Schema kApplicationRequest = kApplicationRequestFields;
const Schema kApplicationOAuthScopeRequest = kApplicationOAuthScopeRequestFields;
const Schema kTenantRequest = kTenantRequestFields;
const Schema kApiKeyRequest = kApiKeyRequestFields;
const Schema kKeyRequest = kKeyRequestFields;
const Schema kWebhookRequest = kWebhookRequestFields;
const Schema kIdentityProviderRequest = kIdentityProviderRequestFields;
const Schema kGroupRequest = kGroupRequestFields;
const Schema kMemberRequest = kMemberRequestFields;
const Schema kMemberDeleteRequest = kMemberDeleteRequestFields;
const Schema kGroupSearchRequest = kGroupSearchRequestFields;
const Schema kGroupMemberSearchRequest = kGroupMemberSearchRequestFields;
const Schema kLoginRequest = kLoginRequestFields;
const Schema kTwoFactorLoginRequest = kTwoFactorLoginRequestFields;
const Schema kIdentityProviderLoginRequest = kIdentityProviderLoginRequestFields;
const Schema kVendRequest = kVendRequestFields;
const Schema kRefreshRequest = kRefreshRequestFields;
const Schema kRefreshTokenRevokeRequest = kRefreshTokenRevokeRequestFields;
const Schema kChangePasswordRequest = kChangePasswordRequestFields;

}  // namespace latchkey::services
