#include "services/field_types.hpp"

#include <string>

namespace latchkey::services {
namespace {

using enum JsonKind;

bool matches(const json::value& value, JsonKind kind) {
  switch (kind) {
    case kString:
      return value.is_string();
    case kBool:
      return value.is_bool();
    case kInteger:
      return value.is_int64() || value.is_uint64();
    case kObject:
      return value.is_object();
    case kArray:
      return value.is_array();
    case kStringArray:
      if (!value.is_array()) return false;
      for (const auto& element : value.as_array()) {
        if (!element.is_string()) return false;
      }
      return true;
  }
  return false;
}

constexpr FieldType kUser[] = {
    {"email", kString},      {"username", kString},
    {"password", kString},   {"encryptionScheme", kString},
    {"factor", kInteger},    {"firstName", kString},
    {"middleName", kString}, {"lastName", kString},
    {"fullName", kString},   {"mobilePhone", kString},
    {"imageUrl", kString},   {"timezone", kString},
    {"birthDate", kString},  {"active", kBool},
    {"verified", kBool},     {"passwordChangeRequired", kBool},
    {"expiry", kInteger},    {"data", kObject},
    {"twoFactor", kObject},  {"preferredLanguages", kStringArray},
};

constexpr FieldType kApplication[] = {
    {"name", kString},
    {"active", kBool},
    {"verifyRegistration", kBool},
    {"data", kObject},
    {"roles", kArray},
    {"jwtConfiguration", kObject},
    {"jwtConfiguration.enabled", kBool},
    {"jwtConfiguration.timeToLiveInSeconds", kInteger},
    {"jwtConfiguration.refreshTokenTimeToLiveInMinutes", kInteger},
    {"jwtConfiguration.accessTokenKeyId", kString},
    {"jwtConfiguration.idTokenKeyId", kString},
    {"loginConfiguration", kObject},
    {"loginConfiguration.allowTokenRefresh", kBool},
    {"loginConfiguration.generateRefreshTokens", kBool},
    {"loginConfiguration.requireAuthentication", kBool},
    {"oauthConfiguration", kObject},
    {"oauthConfiguration.clientSecret", kString},
    {"oauthConfiguration.authorizedRedirectURLs", kStringArray},
    {"oauthConfiguration.authorizedOriginURLs", kStringArray},
    {"oauthConfiguration.enabledGrants", kStringArray},
    {"oauthConfiguration.generateRefreshTokens", kBool},
    {"oauthConfiguration.requireClientAuthentication", kBool},
    {"oauthConfiguration.requireRegistration", kBool},
    {"oauthConfiguration.clientAuthenticationPolicy", kString},
    {"oauthConfiguration.proofKeyForCodeExchangePolicy", kString},
    {"oauthConfiguration.logoutURL", kString},
};

constexpr FieldType kTenant[] = {
    {"name", kString},
    {"issuer", kString},
    {"data", kObject},
    {"jwtConfiguration", kObject},
    {"jwtConfiguration.timeToLiveInSeconds", kInteger},
    {"jwtConfiguration.refreshTokenTimeToLiveInMinutes", kInteger},
    {"jwtConfiguration.accessTokenKeyId", kString},
    {"jwtConfiguration.idTokenKeyId", kString},
    {"jwtConfiguration.refreshTokenExpirationPolicy", kString},
    {"jwtConfiguration.refreshTokenUsagePolicy", kString},
    {"loginConfiguration", kObject},
    {"loginConfiguration.requireAuthentication", kBool},
    {"passwordEncryptionConfiguration", kObject},
    {"passwordEncryptionConfiguration.encryptionScheme", kString},
    {"passwordEncryptionConfiguration.encryptionSchemeFactor", kInteger},
    {"passwordEncryptionConfiguration.modifyEncryptionSchemeOnLogin", kBool},
    {"failedAuthenticationConfiguration", kObject},
    {"eventConfiguration", kObject},
    {"externalIdentifierConfiguration", kObject},
};

constexpr FieldType kRegistration[] = {
    {"applicationId", kString},
    {"username", kString},
    {"data", kObject},
    {"timezone", kString},
    {"preferredLanguages", kStringArray},
};

constexpr FieldType kApiKey[] = {
    {"key", kString},
    {"tenantId", kString},
    {"keyManager", kBool},
    {"permissions", kObject},
    {"permissions.endpoints", kObject},
    {"metaData", kObject},
    {"retrievable", kBool},
    {"expirationInstant", kInteger},
    {"name", kString},
};

constexpr FieldType kWebhook[] = {
    {"url", kString},
    {"connectTimeout", kInteger},
    {"readTimeout", kInteger},
    {"description", kString},
    {"eventsEnabled", kObject},
    {"global", kBool},
    {"tenantIds", kStringArray},
    {"headers", kObject},
    {"httpAuthenticationUsername", kString},
    {"httpAuthenticationPassword", kString},
    {"signatureConfiguration", kObject},
    {"signatureConfiguration.enabled", kBool},
    {"signatureConfiguration.signingKeyId", kString},
    {"sslCertificate", kString},
    {"sslCertificateKeyId", kString},
    {"data", kObject},
};

}  // namespace

const std::span<const FieldType> kUserFields = kUser;
const std::span<const FieldType> kApplicationFields = kApplication;
const std::span<const FieldType> kTenantFields = kTenant;
const std::span<const FieldType> kRegistrationFields = kRegistration;
const std::span<const FieldType> kApiKeyFields = kApiKey;
const std::span<const FieldType> kWebhookFields = kWebhook;

void check_field_types(const json::object& doc, std::string_view prefix,
                       std::span<const FieldType> fields, Validation& validation) {
  for (const auto& field : fields) {
    const json::value* value = json::find(doc, field.path);
    if (value == nullptr || value->is_null() || matches(*value, field.kind)) continue;
    const std::string name = std::string(prefix) + "." + std::string(field.path);
    validation.add(name, "[invalidJSON]" + name,
                   "Invalid JSON in the request body. The property was [" + name +
                       "] and its value has the wrong type.");
  }
}

Status require_field_types(const json::object& doc, std::string_view prefix,
                           std::span<const FieldType> fields) {
  Validation validation;
  check_field_types(doc, prefix, fields, validation);
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

}  // namespace latchkey::services
