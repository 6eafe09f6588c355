#include "services/federation/federated_claims.hpp"

#include <algorithm>
#include <cctype>

namespace latchkey::services {
namespace {

// birthDate: FusionAuth parses a LocalDate; anything else leaves the stored value alone.
bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (const std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  const int day = (text[8] - '0') * 10 + (text[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// An IANA zone id looks like "Area/Location" or "UTC"; spaces and control characters never.
bool plausible_zone(std::string_view text) {
  return !text.empty() && text.size() < 64 && std::none_of(text.begin(), text.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 ||
           std::iscntrl(static_cast<unsigned char>(c)) != 0;
  });
}

bool plausible_uri(std::string_view text) {
  const auto colon = text.find(':');
  return colon != std::string_view::npos && colon > 0 &&
         std::none_of(text.begin(), text.end(),
                      [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

const json::value* find_claim(const json::object& claims, std::string_view name) {
  if (name.empty()) return nullptr;
  if (name.front() != '/') return claims.if_contains(name);
  // Walks objects only: claim paths such as "/address/email" name nested members.
  const json::value* walk = nullptr;
  std::string_view rest = name;
  const json::object* level = &claims;
  while (!rest.empty() && level != nullptr) {
    rest.remove_prefix(1);
    const auto slash = rest.find('/');
    std::string token(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    // RFC 6901 §4: ~1 is "/", ~0 is "~".
    for (std::size_t at = 0; (at = token.find("~1", at)) != std::string::npos;) {
      token.replace(at, 2, "/");
    }
    for (std::size_t at = 0; (at = token.find("~0", at)) != std::string::npos; ++at) {
      token.replace(at, 2, "~");
    }
    walk = level->if_contains(token);
    level = walk != nullptr && walk->is_object() ? &walk->as_object() : nullptr;
  }
  return rest.empty() ? walk : nullptr;
}

std::optional<std::string> claim_text(const json::object& claims, std::string_view name) {
  const json::value* value = find_claim(claims, name);
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) return std::string(value->as_string());
  if (value->is_int64() || value->is_uint64() || value->is_double() || value->is_bool()) {
    return json::serialize(*value);
  }
  return std::nullopt;
}

std::optional<ExternalIdentity> extract_identity(const json::object& provider,
                                                 const json::object& claims) {
  ExternalIdentity identity;
  if (const auto legacy = json::get_string(provider, "uniqueIdentityClaim");
      legacy && !legacy->empty()) {
    const auto subject = claim_text(claims, "sub");
    identity.email = claim_text(claims, *legacy);
    if (!subject || subject->empty() || !identity.email) return std::nullopt;
    identity.user_id = *subject;
    return identity;
  }
  const auto setting = [&](std::string_view key, std::string_view fallback) {
    return json::get_string(provider, "oauth2." + std::string(key)).value_or(std::string(fallback));
  };
  const auto user_id = claim_text(claims, setting("uniqueIdClaim", "sub"));
  if (!user_id || user_id->empty()) return std::nullopt;
  identity.user_id = *user_id;
  identity.email = claim_text(claims, setting("emailClaim", "email"));
  identity.username = claim_text(claims, setting("usernameClaim", "preferred_username"));
  if (const auto verified = claim_text(claims, setting("emailVerifiedClaim", "email_verified"))) {
    identity.email_verified = *verified != "false";
  }
  if (identity.email && identity.email->empty()) identity.email.reset();
  if (identity.username && identity.username->empty()) identity.username.reset();
  return identity;
}

std::string email_domain(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos) return {};
  std::string domain(email.substr(at + 1));
  std::transform(domain.begin(), domain.end(), domain.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return domain;
}

bool email_domain_allowed(const json::object& provider, const std::optional<std::string>& email) {
  const auto* domains = json::get_array(provider, "domains");
  if (!email || domains == nullptr || domains->empty()) return true;
  const std::string domain = email_domain(*email);
  if (domain.empty()) return false;
  return std::any_of(domains->begin(), domains->end(), [&](const json::value& listed) {
    return listed.is_string() && listed.as_string() == domain;
  });
}

void apply_claim_map(const json::object& provider, const json::object& claims, json::object& user,
                     json::object* registration) {
  const auto* map = json::get_object(provider, "claimMap");
  if (map == nullptr) return;
  for (const auto& [claim, target_value] : *map) {
    if (!target_value.is_string()) continue;
    const std::string_view target = target_value.as_string();
    // The claim map names top-level claims (FusionAuth reads them by name).
    const json::value* value = claims.if_contains(claim);
    if (value == nullptr || value->is_null()) continue;
    if (target == "UserData") {
      json::ensure_object(user, "data")[claim] = *value;
    } else if (target == "RegistrationData") {
      if (registration != nullptr) json::ensure_object(*registration, "data")[claim] = *value;
    } else if (!value->is_string()) {
      continue;  // user fields take strings only; anything else leaves the field alone
    } else if (target == "timezone") {
      if (registration != nullptr && plausible_zone(value->as_string())) {
        (*registration)["timezone"] = *value;
      }
    } else if (target == "birthDate") {
      if (is_iso_date(value->as_string())) user["birthDate"] = *value;
    } else if (target == "imageUrl") {
      if (plausible_uri(value->as_string())) user["imageUrl"] = *value;
    } else if (target == "firstName" || target == "middleName" || target == "lastName" ||
               target == "fullName" || target == "mobilePhone") {
      user[target] = *value;
    }
  }
}

}  // namespace latchkey::services
