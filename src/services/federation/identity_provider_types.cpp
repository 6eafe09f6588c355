#include "services/federation/identity_provider_types.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace latchkey::services {
namespace {

constexpr std::array<std::string_view, 16> kTypes = {"Apple",
                                                     "EpicGames",
                                                     "ExternalJWT",
                                                     "Facebook",
                                                     "Google",
                                                     "HYPR",
                                                     "LinkedIn",
                                                     "Nintendo",
                                                     "OpenIDConnect",
                                                     "SAMLv2",
                                                     "SAMLv2IdPInitiated",
                                                     "SonyPSN",
                                                     "Steam",
                                                     "Twitch",
                                                     "Twitter",
                                                     "Xbox"};

// Types FusionAuth keys by type: one provider each, named after the type unless told.
constexpr std::array<std::string_view, 12> kNamedByType = {
    "Apple",    "EpicGames", "Facebook", "Google", "HYPR",    "LinkedIn",
    "Nintendo", "SonyPSN",   "Steam",    "Twitch", "Twitter", "Xbox"};

bool blank(const json::object& provider, std::string_view dotted) {
  const auto value = json::get_string(provider, dotted);
  return !value || value->find_first_not_of(" \t\r\n") == std::string::npos;
}

void require(const json::object& provider, std::string_view dotted, Validation& validation,
             std::string_view why = {}) {
  if (!blank(provider, dotted)) return;
  const std::string field = "identityProvider." + std::string(dotted);
  validation.add(field, "[blank]" + field,
                 "You must specify the [" + field + "] property" +
                     (why.empty() ? std::string(".") : " " + std::string(why) + "."));
}

void check_open_id_connect(json::object& provider, Validation& validation) {
  require(provider, "buttonText", validation);
  require(provider, "oauth2.client_id", validation);
  auto& oauth2 = json::ensure_object(provider, "oauth2");
  json::set_default(oauth2, "clientAuthenticationMethod", "client_secret_basic");
  const auto method = json::get_string(oauth2, "clientAuthenticationMethod").value_or("");
  if (method != "client_secret_basic" && method != "client_secret_post" && method != "none") {
    validation.add("identityProvider.oauth2.clientAuthenticationMethod",
                   "[invalid]identityProvider.oauth2.clientAuthenticationMethod",
                   "The [identityProvider.oauth2.clientAuthenticationMethod] must be one of "
                   "client_secret_basic, client_secret_post or none.");
  } else if (method != "none") {
    require(provider, "oauth2.client_secret", validation,
            "when the client authentication method is " + method);
  }
  // Either discovery through the issuer, or both endpoints spelled out.
  if (blank(provider, "oauth2.issuer")) {
    require(provider, "oauth2.authorization_endpoint", validation,
            "or the [identityProvider.oauth2.issuer]");
    require(provider, "oauth2.token_endpoint", validation,
            "or the [identityProvider.oauth2.issuer]");
  }
  json::set_default(oauth2, "emailClaim", "email");
  json::set_default(oauth2, "emailVerifiedClaim", "email_verified");
  json::set_default(oauth2, "uniqueIdClaim", "sub");
  json::set_default(oauth2, "usernameClaim", "preferred_username");
  json::set_default(provider, "postRequest", false);
}

void check_samlv2(std::string_view type, json::object& provider, Validation& validation) {
  require(provider, "keyId", validation);
  if (type == "SAMLv2IdPInitiated") {
    require(provider, "issuer", validation);
    return;
  }
  require(provider, "buttonText", validation);
  require(provider, "idpEndpoint", validation);
  json::set_default(provider, "useNameIdForEmail", false);
  json::set_default(provider, "postRequest", false);
}

}  // namespace

std::span<const std::string_view> identity_provider_types() { return kTypes; }

bool is_identity_provider_type(std::string_view type) {
  return std::ranges::find(kTypes, type) != kTypes.end();
}

bool runs_identity_provider_type(std::string_view type) { return type == "ExternalJWT"; }

bool name_is_optional(std::string_view type) {
  return std::ranges::find(kNamedByType, type) != kNamedByType.end();
}

void check_type_fields(std::string_view type, json::object& provider, Validation& validation) {
  if (type == "OpenIDConnect") {
    check_open_id_connect(provider, validation);
  } else if (type == "SAMLv2" || type == "SAMLv2IdPInitiated") {
    check_samlv2(type, provider, validation);
  } else if (type == "Facebook") {
    require(provider, "buttonText", validation);
    require(provider, "appId", validation);
    require(provider, "client_secret", validation);
  } else if (type == "Twitter") {
    require(provider, "buttonText", validation);
    require(provider, "consumerKey", validation);
    require(provider, "consumerSecret", validation);
  } else if (type == "Apple") {
    require(provider, "buttonText", validation);
    require(provider, "keyId", validation);
    require(provider, "servicesId", validation);
    require(provider, "teamId", validation);
  } else if (type == "HYPR") {
    require(provider, "relyingPartyApplicationId", validation);
    require(provider, "relyingPartyURL", validation);
  } else if (type == "Steam") {
    require(provider, "buttonText", validation);
    require(provider, "client_id", validation);
    require(provider, "webAPIKey", validation);
    json::set_default(provider, "apiMode", "Public");
  } else if (type != "ExternalJWT") {
    // Google, LinkedIn, Twitch, Xbox, EpicGames, SonyPSN, Nintendo: an OAuth client.
    require(provider, "buttonText", validation);
    require(provider, "client_id", validation);
    require(provider, "client_secret", validation);
  }
}

}  // namespace latchkey::services
