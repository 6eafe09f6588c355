#include "services/federation/identity_provider_service.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "jose/certificate.hpp"
#include "jose/key.hpp"
#include "services/common/field_types.hpp"
#include "services/federation/federated_claims.hpp"
#include "services/federation/identity_provider_types.hpp"
#include "services/keys/key_visibility.hpp"

namespace latchkey::services {
namespace {

// IdentityProviderLinkingStrategy in FusionAuth's domain.
constexpr std::array<std::string_view, 8> kLinkingStrategies = {"CreatePendingLink",
                                                                "Disabled",
                                                                "LinkAnonymously",
                                                                "LinkByEmail",
                                                                "LinkByEmailForExistingUser",
                                                                "LinkByUsername",
                                                                "LinkByUsernameForExistingUser",
                                                                "Unsupported"};

// The claimMap targets FusionAuth accepts for an ExternalJWT provider.
constexpr std::array<std::string_view, 10> kClaimTargets = {
    "birthDate",   "firstName", "lastName", "fullName", "middleName",
    "mobilePhone", "imageUrl",  "timezone", "UserData", "RegistrationData"};

constexpr std::string_view kPrefix = "identityProvider";

std::string field(std::string_view path) { return std::string(kPrefix) + "." + std::string(path); }

Error not_found() { return Error::status(HttpStatus::kNotFound); }

std::string lower_trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool visible(const Caller& caller, const domain::IdentityProvider& provider) {
  return !provider.tenant_id || caller.can_see(*provider.tenant_id);
}

// A tenant-locked API key may change only its own tenant's providers, never a global one.
bool manageable(const Caller& caller, const domain::IdentityProvider& provider) {
  const bool tenant_locked = caller.api_key && caller.api_key->tenant_id;
  return visible(caller, provider) && (!tenant_locked || provider.tenant_id);
}

// The public key a legacy `keys` entry holds (a PEM public key or certificate), normalised so
// that two spellings of one key compare equal. Private keys are refused: the map is echoed
// in every response.
std::optional<std::string> legacy_public_pem(std::string_view pem) {
  if (pem.find("PRIVATE KEY") != std::string_view::npos) return std::nullopt;
  std::optional<std::string> public_pem;
  if (pem.find("CERTIFICATE") != std::string_view::npos) {
    public_pem = jose::certificate_public_key_pem(pem);
  } else {
    public_pem = std::string(pem);
  }
  if (!public_pem) return std::nullopt;
  const auto algorithm = jose::infer_algorithm_from_pem(*public_pem);
  if (!algorithm) return std::nullopt;
  auto key = jose::Key::from_pem(*algorithm, *public_pem);
  if (!key) return std::nullopt;
  return key->public_pem();
}

// A Key Master key usable to verify an external token: real key material, not a shadow key,
// and one a tenant-locked caller may see (key_visibility.hpp); an invisible key answers as an
// unknown one.
bool verifying_key(const ConfigSnapshot& snapshot, const Uuid& id,
                   const std::optional<Uuid>& scope) {
  const auto* entry = snapshot.find_key(id);
  return entry != nullptr && entry->key.has_value() && entry->record.role != "shadow" &&
         (!scope || key_visible_to_tenant(snapshot, entry->record, *scope));
}

void check_verification_keys(const json::object& provider, const ConfigSnapshot& snapshot,
                             const std::optional<Uuid>& scope, Validation& validation) {
  if (const auto* ids = json::get_array(provider, "verificationKeyIds")) {
    std::size_t index = 0;
    for (const auto& value : *ids) {
      const std::string path = field("verificationKeyIds[" + std::to_string(index++) + "]");
      const auto id = Uuid::parse(value.as_string());
      if (!id || !verifying_key(snapshot, *id, scope)) {
        validation.add(path, "[cannotVerify]" + field("verificationKeyIds"),
                       "The key [" + std::string(value.as_string()) +
                           "] is not a Key Master key that can verify a signature.");
      }
    }
  }
  if (const auto given = json::get_string(provider, "defaultKeyId")) {
    const auto id = Uuid::parse(*given);
    if (!id || !verifying_key(snapshot, *id, scope)) {
      validation.add(
          field("defaultKeyId"), "[invalid]" + field("defaultKeyId"),
          "The key [" + *given + "] is not a Key Master key that can verify a signature.");
    }
  }
}

}  // namespace

Result<std::vector<Uuid>> IdentityProviderService::import_legacy_keys(const Caller& caller,
                                                                      json::object& provider) {
  std::vector<Uuid> imported;
  std::vector<std::string> ids;
  const auto* keys = json::get_object(provider, "keys");
  if (keys == nullptr) return imported;
  const auto undo = [&] {
    for (const auto& id : imported) (void)keys_.remove(id);
  };
  const std::string name = json::get_string(provider, "name").value_or("");
  std::optional<std::string> default_key;
  for (const auto& [kid_view, pem_value] : *keys) {
    const std::string kid(kid_view);
    const std::string path = field("keys[" + kid + "]");
    const auto public_pem =
        pem_value.is_string() ? legacy_public_pem(pem_value.as_string()) : std::nullopt;
    if (!public_pem) {
      undo();
      return fail(Error::field(HttpStatus::kBadRequest, path, "[invalid]" + field("keys"),
                               "The key [" + kid + "] must be a PEM public key or certificate."));
    }
    const auto snapshot = config_.current();
    std::optional<Uuid> key_id;
    if (const auto* existing = kid.empty() ? nullptr : snapshot->find_key_by_kid(kid)) {
      // Re-sending the same map (a PUT of a retrieved provider) finds its keys imported already.
      if (!existing->key || existing->key->is_hmac() ||
          existing->key->public_pem() != *public_pem) {
        undo();
        return fail(Error::field(HttpStatus::kBadRequest, path, "[duplicate]" + field("keys"),
                                 "Key Master holds a different key with kid [" + kid + "]."));
      }
      key_id = existing->record.id;
    } else {
      const bool certificate = pem_value.as_string().find("CERTIFICATE") != std::string::npos;
      json::object request{{"name", name + " [" + (kid.empty() ? "default" : kid) + "]"},
                           {certificate ? "certificate" : "publicKey", pem_value}};
      if (!kid.empty()) request["kid"] = kid;
      // Owned by a tenant-locked caller's tenant, so the provider's own keys stay visible to it.
      auto made = keys_.import(std::nullopt, request, key_scope(caller));
      if (!made) {
        undo();
        return fail(Error::field(HttpStatus::kBadRequest, path, "[invalid]" + field("keys"),
                                 "The key [" + kid + "] cannot be imported into Key Master."));
      }
      key_id = made->id;
      imported.push_back(made->id);
    }
    ids.push_back(key_id->str());
    if (kid.empty()) default_key = key_id->str();
  }
  auto& list = provider["verificationKeyIds"];
  if (!list.is_array()) list = json::array();
  for (const auto& id : ids) {
    if (std::find(list.as_array().begin(), list.as_array().end(), json::value(id)) ==
        list.as_array().end()) {
      list.as_array().emplace_back(id);
    }
  }
  // The legacy "" entry was the key for tokens whose header names none.
  if (default_key && is_blank(provider, "defaultKeyId")) provider["defaultKeyId"] = *default_key;
  return imported;
}

Result<domain::IdentityProvider> IdentityProviderService::prepare(
    const Caller& caller, json::object provider, const Uuid& id,
    const domain::IdentityProvider* previous) {
  LATCHKEY_CHECK(require_field_types(provider, kPrefix, kIdentityProviderFields));
  const auto snapshot = config_.current();
  Validation validation;

  const auto type = json::get_string(provider, "type");
  if (previous != nullptr) {
    if (type && *type != previous->type) {
      validation.add(field("type"), "[invalid]" + field("type"),
                     "The type of an identity provider cannot change.");
    }
    provider["type"] = previous->type;
  } else if (!type || type->empty()) {
    validation.add(field("type"), "[missing]" + field("type"),
                   "You must specify the [identityProvider.type] property.");
  } else if (!is_identity_provider_type(*type)) {
    validation.add(
        field("type"), "[invalid]" + field("type"),
        "The [identityProvider.type] [" + *type + "] is not a FusionAuth identity provider type.");
  }
  const std::string type_name = json::get_string(provider, "type").value_or("");
  const bool external_jwt = type_name == kExternalJwtType;
  if (is_blank(provider, "name")) {
    if (name_is_optional(type_name)) {
      provider["name"] = type_name;  // FusionAuth names these providers after their type
    } else {
      validation.add(field("name"), "[blank]" + field("name"),
                     "You must specify the [identityProvider.name] property.");
    }
  }
  if (external_jwt && is_blank(provider, "headerKeyParameter")) {
    validation.add(field("headerKeyParameter"), "[blank]" + field("headerKeyParameter"),
                   "You must specify the [identityProvider.headerKeyParameter] property.");
  }
  if (is_identity_provider_type(type_name)) check_type_fields(type_name, provider, validation);
  json::set_default(provider, "linkingStrategy", "LinkByEmail");
  if (const auto strategy = json::get_string(provider, "linkingStrategy");
      !strategy || std::find(kLinkingStrategies.begin(), kLinkingStrategies.end(), *strategy) ==
                       kLinkingStrategies.end()) {
    validation.add(field("linkingStrategy"), "[invalid]" + field("linkingStrategy"),
                   "The [identityProvider.linkingStrategy] is not a linking strategy.");
  }
  if (const auto* claims = external_jwt ? json::get_object(provider, "claimMap") : nullptr) {
    for (const auto& [claim, target] : *claims) {
      const bool allowed = target.is_string() &&
                           std::find(kClaimTargets.begin(), kClaimTargets.end(),
                                     std::string_view(target.as_string())) != kClaimTargets.end();
      if (!allowed) {
        validation.add(field("claimMap[" + std::string(claim) + "]"),
                       "[invalid]" + field("claimMap"),
                       "The claim [" + std::string(claim) +
                           "] maps to an unknown target. Allowed: birthDate, firstName, "
                           "lastName, fullName, middleName, mobilePhone, imageUrl, timezone, "
                           "UserData, RegistrationData.");
      }
    }
  }
  if (auto* configs = provider.if_contains("applicationConfiguration");
      configs != nullptr && configs->is_object()) {
    for (auto& [application_id, config] : configs->as_object()) {
      const std::string path =
          field("applicationConfiguration[" + std::string(application_id) + "]");
      if (!Uuid::parse(application_id) || !config.is_object()) {
        validation.add(path, "[invalid]" + field("applicationConfiguration"),
                       "Each entry must be keyed by an application id and hold an object.");
        continue;
      }
      auto& entry = config.as_object();
      for (const char* flag : {"enabled", "createRegistration"}) {
        if (const auto* v = entry.if_contains(flag);
            v != nullptr && !v->is_null() && !v->is_bool()) {
          validation.add(path + "." + flag, "[invalidJSON]" + path + "." + flag,
                         std::string("The [") + flag + "] must be a boolean.");
        }
      }
      json::set_default(entry, "enabled", false);
      json::set_default(entry, "createRegistration", true);
    }
  }
  // Managed domains are kept lower-case and may belong to one provider only.
  json::array domains;
  if (const auto* given = json::get_array(provider, "domains")) {
    std::set<std::string> taken;
    for (const auto& other : store_.list_identity_providers()) {
      if (other.id == id) continue;
      if (const auto* theirs = json::get_array(other.data, "domains")) {
        for (const auto& d : *theirs) {
          if (d.is_string()) taken.insert(std::string(d.as_string()));
        }
      }
    }
    std::vector<std::string> duplicates;
    for (const auto& d : *given) {
      const std::string domain = lower_trimmed(d.as_string());
      if (domain.empty()) continue;
      if (taken.contains(domain)) duplicates.push_back(domain);
      if (std::find(domains.begin(), domains.end(), json::value(domain)) == domains.end()) {
        domains.emplace_back(domain);
      }
    }
    if (!duplicates.empty()) {
      std::string list;
      for (const auto& d : duplicates) list += (list.empty() ? "" : ", ") + d;
      validation.add(field("domains"), "[duplicate]" + field("domains"),
                     "The domains [" + list + "] are managed by another identity provider.");
    }
  }
  provider["domains"] = std::move(domains);

  // The tenant: fixed at creation; a tenant-locked key creates providers of its own tenant.
  std::optional<Uuid> tenant_id;
  if (previous != nullptr) {
    tenant_id = previous->tenant_id;
  } else if (const auto given = json::get_string(provider, "tenantId")) {
    tenant_id = Uuid::parse(*given);
    if (!tenant_id || snapshot->find_tenant(*tenant_id) == nullptr || !caller.can_see(*tenant_id)) {
      validation.add(field("tenantId"), "[invalid]" + field("tenantId"),
                     "The [identityProvider.tenantId] does not name a tenant.");
    }
  } else if (caller.api_key && caller.api_key->tenant_id) {
    tenant_id = caller.api_key->tenant_id;
  }

  if (!external_jwt) {
    // A SAML or Apple provider names one Key Master key (keyId): it must be one the caller sees.
    if (const auto key = json::get_string(provider, "keyId"); key && !key->empty()) {
      const auto key_uuid = Uuid::parse(*key);
      if (!key_uuid || !verifying_key(*snapshot, *key_uuid, key_scope(caller))) {
        validation.add(field("keyId"), "[invalid]" + field("keyId"),
                       "The [identityProvider.keyId] does not name a Key Master key.");
      }
    }
  } else {
    check_verification_keys(provider, *snapshot, key_scope(caller), validation);
  }
  const bool has_key = !external_jwt || !is_blank(provider, "defaultKeyId") ||
                       (json::get_array(provider, "verificationKeyIds") != nullptr &&
                        !json::get_array(provider, "verificationKeyIds")->empty()) ||
                       (json::get_object(provider, "keys") != nullptr &&
                        !json::get_object(provider, "keys")->empty());
  if (!has_key) {
    validation.add(field("verificationKeyIds"), "[empty]" + field("verificationKeyIds"),
                   "You must specify at least one verification key.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  if (external_jwt) {
    auto& oauth2 = json::ensure_object(provider, "oauth2");
    json::set_default(oauth2, "emailClaim", "email");
    json::set_default(oauth2, "emailVerifiedClaim", "email_verified");
    json::set_default(oauth2, "uniqueIdClaim", "sub");
    json::set_default(oauth2, "usernameClaim", "preferred_username");
    json::set_default(provider, "claimMap", json::object());
  }
  json::set_default(provider, "enabled", false);
  json::set_default(provider, "debug", false);
  json::set_default(provider, "applicationConfiguration", json::object());
  provider["id"] = id.str();
  if (tenant_id) {
    provider["tenantId"] = tenant_id->str();
  } else {
    provider.erase("tenantId");
  }
  const Instant now = clock_.now();
  if (previous == nullptr) {
    stamp_created(provider, now);
  } else {
    stamp_updated(provider, previous->data, now, {});
  }
  std::string name = json::get_string(provider, "name").value_or("");
  return domain::IdentityProvider{id, type_name, std::move(name), tenant_id, std::move(provider)};
}

Result<domain::IdentityProvider> IdentityProviderService::save(
    domain::IdentityProvider provider, bool created, const std::vector<Uuid>& imported_keys) {
  if (provider.type != kExternalJwtType) return write(std::move(provider), created, imported_keys);
  // The verification key list, with defaultKeyId first as FusionAuth 1.69 reports it.
  auto& doc = provider.data;
  auto& ids = doc["verificationKeyIds"];
  if (!ids.is_array()) ids = json::array();
  // A legacy-merge PATCH appends arrays: keep each key once, in order.
  json::array unique;
  for (const auto& key_id : ids.as_array()) {
    if (std::find(unique.begin(), unique.end(), key_id) == unique.end()) unique.push_back(key_id);
  }
  ids = std::move(unique);
  if (const auto default_key = json::get_string(doc, "defaultKeyId")) {
    auto& list = ids.as_array();
    if (std::find(list.begin(), list.end(), json::value(*default_key)) == list.end()) {
      list.insert(list.begin(), json::value(*default_key));
    }
  } else if (!ids.as_array().empty()) {
    doc["defaultKeyId"] = ids.as_array().front();
  }
  return write(std::move(provider), created, imported_keys);
}

Result<domain::IdentityProvider> IdentityProviderService::write(
    domain::IdentityProvider provider, bool created, const std::vector<Uuid>& imported_keys) {
  auto written = created ? store_.insert_identity_provider(provider)
                         : store_.update_identity_provider(provider);
  if (written) return provider;
  // Compensation: keys imported for this write must not outlive a refused write.
  for (const auto& key_id : imported_keys) (void)keys_.remove(key_id);
  switch (written.error()) {
    case store::Conflict::kDuplicateName:
      return fail(
          Error::field(HttpStatus::kBadRequest, field("name"), "[duplicate]" + field("name"),
                       "An Identity Provider with name [" + provider.name + "] already exists."));
    case store::Conflict::kMissingParent:
      return fail(Error::field(HttpStatus::kBadRequest, field("tenantId"),
                               "[invalid]" + field("tenantId"), "The tenant does not exist."));
    default:
      return fail(Error::field(
          HttpStatus::kBadRequest, "identityProviderId", "[duplicate]identityProviderId",
          "An Identity Provider with Id [" + provider.id.str() + "] already exists."));
  }
}

Result<domain::IdentityProvider> IdentityProviderService::create(const Caller& caller,
                                                                 const std::optional<Uuid>& id,
                                                                 json::object provider) {
  const Uuid chosen = choose_id(id);
  if (store_.find_identity_provider(chosen)) {
    return fail(
        Error::field(HttpStatus::kBadRequest, "identityProviderId", "[duplicate]identityProviderId",
                     "An Identity Provider with Id [" + chosen.str() + "] already exists."));
  }
  LATCHKEY_TRY(auto prepared, prepare(caller, std::move(provider), chosen, nullptr));
  LATCHKEY_TRY(const auto imported, import_legacy_keys(caller, prepared.data));
  return save(std::move(prepared), true, imported);
}

Result<domain::IdentityProvider> IdentityProviderService::retrieve(const Caller& caller,
                                                                   const Uuid& id) const {
  auto provider = store_.find_identity_provider(id);
  if (!provider || !visible(caller, *provider)) return fail(not_found());
  return std::move(*provider);
}

std::vector<domain::IdentityProvider> IdentityProviderService::list(
    const Caller& caller, const std::optional<std::string>& type) const {
  std::vector<domain::IdentityProvider> providers;
  for (auto& provider : store_.list_identity_providers()) {
    if (!visible(caller, provider) || (type && provider.type != *type)) continue;
    providers.push_back(std::move(provider));
  }
  return providers;
}

Result<domain::IdentityProvider> IdentityProviderService::update(const Caller& caller,
                                                                 const Uuid& id,
                                                                 json::object provider) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  if (!manageable(caller, existing)) return fail(not_found());
  LATCHKEY_TRY(auto prepared, prepare(caller, std::move(provider), id, &existing));
  LATCHKEY_TRY(const auto imported, import_legacy_keys(caller, prepared.data));
  return save(std::move(prepared), false, imported);
}

Result<domain::IdentityProvider> IdentityProviderService::patch(const Caller& caller,
                                                                const Uuid& id,
                                                                const json::object& patch,
                                                                PatchStyle style) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  return update(caller, id, patched(existing.data, patch, style));
}

Status IdentityProviderService::remove(const Caller& caller, const Uuid& id) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  if (!manageable(caller, existing)) return fail(not_found());
  // The provider's links go with it (ON DELETE CASCADE); its Key Master keys stay, as they are
  // Key Master's objects and may verify for another provider.
  if (!store_.delete_identity_provider(id)) return fail(not_found());
  return {};
}

Result<json::object> IdentityProviderService::lookup(const Caller& caller, std::string_view domain,
                                                     const std::optional<Uuid>& tenant_id) const {
  const std::string wanted =
      domain.find('@') != std::string_view::npos ? email_domain(domain) : lower_trimmed(domain);
  if (wanted.empty()) return fail(not_found());
  for (const auto& provider : store_.list_identity_providers()) {
    if (!visible(caller, provider)) continue;
    if (tenant_id && provider.tenant_id && *provider.tenant_id != *tenant_id) continue;
    const auto* domains = json::get_array(provider.data, "domains");
    if (domains == nullptr ||
        std::find(domains->begin(), domains->end(), json::value(wanted)) == domains->end()) {
      continue;
    }
    json::array application_ids;
    if (const auto* configs = json::get_object(provider.data, "applicationConfiguration")) {
      for (const auto& [application_id, config] : *configs) {
        if (config.is_object() && json::get_bool(config.as_object(), "enabled").value_or(false)) {
          application_ids.emplace_back(application_id);
        }
      }
    }
    json::object shown{{"applicationIds", std::move(application_ids)},
                       {"id", provider.id.str()},
                       {"name", provider.name},
                       {"type", provider.type}};
    for (const char* member : {"insertInstant", "lastUpdateInstant", "tenantId"}) {
      if (const auto* value = provider.data.if_contains(member)) shown[member] = *value;
    }
    json::object oauth2;
    for (const char* member : {"authorization_endpoint", "token_endpoint"}) {
      if (const auto value = json::get_string(provider.data, std::string("oauth2.") + member)) {
        oauth2[member] = *value;
      }
    }
    if (!oauth2.empty()) shown["oauth2"] = std::move(oauth2);
    return shown;
  }
  return fail(not_found());
}

std::vector<domain::IdentityProvider> IdentityProviderService::login_page_providers(
    const Uuid& tenant_id, const Uuid& application_id) const {
  std::vector<domain::IdentityProvider> offered;
  const std::string app_key = "applicationConfiguration." + application_id.str() + ".enabled";
  for (auto& provider : store_.list_identity_providers()) {
    if (!runs_identity_provider_type(provider.type)) continue;
    if (provider.tenant_id && *provider.tenant_id != tenant_id) continue;
    if (!json::get_bool(provider.data, "enabled").value_or(false) ||
        !json::get_bool(provider.data, app_key).value_or(false)) {
      continue;
    }
    offered.push_back(std::move(provider));
  }
  return offered;
}

}  // namespace latchkey::services
