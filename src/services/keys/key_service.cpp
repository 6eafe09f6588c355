#include "services/keys/key_service.hpp"

#include "crypto/random.hpp"
#include "jose/certificate.hpp"
#include "jose/jwk.hpp"
#include "services/common/document_rules.hpp"
#include "services/common/fusionauth_ids.hpp"
#include "services/common/key_material.hpp"
#include "services/keys/key_visibility.hpp"

namespace latchkey::services {
namespace {

constexpr std::chrono::days kCertificateValidity{3650};
// Security: RSA under 2048 bits is refused on import as on generation (NIST SP 800-131A), even
// public-only: FusionAuth accepts 1024-bit verify-only keys, Latchkey does not.
constexpr int kMinRsaBits = 2048;

Error key_error(const std::string& field, const std::string& reason, std::string message) {
  return Error::field(HttpStatus::kBadRequest, field, "[" + reason + "]" + field,
                      std::move(message));
}

std::string_view key_type(jose::Algorithm algorithm) {
  switch (jose::family_of(algorithm)) {
    case jose::Family::kHmac:
      return "HMAC";
    case jose::Family::kRsa:
    case jose::Family::kRsaPss:
      return "RSA";
    case jose::Family::kEcdsa:
      return "EC";
    case jose::Family::kEdDSA:
      return "OKP";
  }
  return "";
}

// The public document FusionAuth shows for a key; nothing secret goes in.
json::object describe(const jose::Key& key, const std::optional<std::string>& certificate_pem,
                      const std::string& issuer) {
  json::object doc;
  doc["algorithm"] = jose::fusionauth_name(key.algorithm());
  doc["type"] = key_type(key.algorithm());
  if (key.is_hmac()) return doc;
  doc["publicKey"] = key.public_pem();
  doc["hasPrivateKey"] = key.has_private();
  // FusionAuth reports an Ed25519 key's length in bytes, RSA and EC in bits.
  doc["length"] = key.family() == jose::Family::kEdDSA ? 32 : key.bits();
  if (!issuer.empty()) doc["issuer"] = issuer;
  if (certificate_pem) {
    doc["certificate"] = *certificate_pem;
    if (const auto info = jose::certificate_info(*certificate_pem)) {
      doc["certificateInformation"] = json::object{{"issuer", info->issuer},
                                                   {"subject", info->subject},
                                                   {"serialNumber", info->serialNumber},
                                                   {"md5Fingerprint", info->md5Fingerprint},
                                                   {"sha1Fingerprint", info->sha1Fingerprint},
                                                   {"sha1Thumbprint", info->sha1Thumbprint},
                                                   {"sha256Fingerprint", info->sha256Fingerprint},
                                                   {"sha256Thumbprint", info->sha256Thumbprint},
                                                   {"validFrom", to_epoch_ms(info->validFrom)},
                                                   {"validTo", to_epoch_ms(info->validTo)}};
      doc["expirationInstant"] = to_epoch_ms(info->validTo);
    }
  }
  return doc;
}

// kid rules (spec/keys-apikeys.md): explicit, else the certificate's x5t, else the RFC 7638
// thumbprint of the public key, else (HMAC) a random string.
std::string choose_kid(const std::optional<std::string>& explicit_kid, const jose::Key& key,
                       const std::optional<std::string>& certificate_pem) {
  if (explicit_kid && !explicit_kid->empty()) return *explicit_kid;
  if (certificate_pem) {
    if (const auto der = jose::certificate_der(*certificate_pem)) return jose::x5t(*der);
  }
  if (!key.is_hmac()) return jose::jwk_thumbprint(key);
  return crypto::random_alphanumeric(24);
}

bool references_key(const domain::JwtConfiguration& jwt, const std::string& id) {
  return jwt.access_token_key_id_text == id || jwt.id_token_key_id_text == id;
}

}  // namespace

std::string KeyService::default_issuer() const {
  const auto snapshot = config_.current();
  const auto* app = snapshot->find_application(*Uuid::parse(kFusionAuthApplicationId));
  const auto* tenant = app ? snapshot->find_tenant(app->tenant_id) : nullptr;
  return tenant ? snapshot->settings(*tenant)->issuer : "acme.com";
}

Result<domain::SigningKey> KeyService::save(domain::SigningKey key) {
  if (auto written = store_.keys.insert_key(key); !written) {
    switch (written.error()) {
      case store::Conflict::kDuplicateName:
        return fail(key_error("key.name", "duplicate",
                              "A key with name [" + key.name + "] already exists."));
      case store::Conflict::kDuplicateKid:
        return fail(
            key_error("key.kid", "duplicate", "A key with kid [" + key.kid + "] already exists."));
      default:
        return fail(Error::field(HttpStatus::kBadRequest, "keyId", "[duplicate]keyId",
                                 "A key with Id [" + key.id.str() + "] already exists."));
    }
  }
  config_.reload();
  return key;
}

Result<domain::SigningKey> KeyService::generate(const std::optional<Uuid>& id,
                                                const json::object& request,
                                                const std::optional<Uuid>& owner) {
  Validation validation;
  const auto name = json::get_string(request, "name").value_or("");
  if (is_blank(request, "name"))
    validation.add("key.name", "[blank]key.name", "A name is required.");
  const auto algorithm_name = json::get_string(request, "algorithm");
  const auto algorithm = algorithm_name.and_then(jose::parse_fusionauth_name);
  if (!algorithm_name) {
    validation.add("key.algorithm", "[missing]key.algorithm", "An algorithm is required.");
  } else if (!algorithm) {
    validation.add("key.algorithm", "[invalid]key.algorithm",
                   "The algorithm [" + *algorithm_name + "] is not supported.");
  }
  int length = 2048;
  if (algorithm && jose::is_rsa(*algorithm)) {
    length = static_cast<int>(json::get_int(request, "length").value_or(2048));
    if (length != 2048 && length != 3072 && length != 4096) {
      validation.add("key.length", "[invalid]key.length",
                     "An RSA key length must be 2048, 3072 or 4096.");
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  const jose::Key key = jose::Key::generate(*algorithm, length);
  const Instant now = clock_.now();
  std::optional<std::string> certificate;
  std::string issuer;
  if (!key.is_hmac()) {
    issuer = json::get_string(request, "issuer").value_or(default_issuer());
    certificate = jose::self_signed_certificate_pem(key, issuer, now, kCertificateValidity);
  }
  json::object doc = describe(key, certificate, issuer);
  const Uuid key_id = choose_id(id);
  const std::string kid = choose_kid(std::nullopt, key, certificate);
  doc["id"] = key_id.str();
  doc["name"] = name;
  doc["kid"] = kid;
  stamp_created(doc, now);
  const std::string secret = key.is_hmac() ? key.secret().reveal() : key.private_pem();
  return save({key_id, name, kid, "", std::move(doc), secret, owner});
}

Result<domain::SigningKey> KeyService::import(const std::optional<Uuid>& id,
                                              const json::object& request,
                                              const std::optional<Uuid>& owner) {
  const auto name = json::get_string(request, "name").value_or("");
  if (is_blank(request, "name")) {
    return fail(key_error("key.name", "blank", "A name is required."));
  }
  const auto secret = json::get_string(request, "secret");
  const auto private_pem = json::get_string(request, "privateKey");
  auto public_pem = json::get_string(request, "publicKey");
  const auto certificate = json::get_string(request, "certificate");
  if (!public_pem && certificate) public_pem = jose::certificate_public_key_pem(*certificate);

  std::optional<jose::Algorithm> algorithm;
  if (const auto given = json::get_string(request, "algorithm")) {
    algorithm = jose::parse_fusionauth_name(*given);
    if (!algorithm) return fail(key_error("key.algorithm", "invalid", "Unsupported algorithm."));
  }
  std::optional<jose::Key> key;
  if (secret) {
    if (!algorithm || !jose::is_hmac(*algorithm)) {
      return fail(key_error("key.algorithm", "invalid",
                            "An HMAC secret needs algorithm HS256, HS384 or HS512."));
    }
    auto made = jose::Key::hmac(*algorithm, *secret);
    if (!made) return fail(key_error("key.secret", "invalid", "The secret is not usable."));
    // Security: RFC 7518 §3.2 — an HMAC key at least as long as the hash output; a shorter
    // secret is guessable offline from any one token it signed.
    const std::size_t minimum = jose::hash_size(*algorithm);
    if (secret->size() < minimum) {
      return fail(key_error("key.secret", "invalidLength",
                            "The secret for " + std::string(jose::fusionauth_name(*algorithm)) +
                                " must be at least " + std::to_string(minimum) + " bytes."));
    }
    key = std::move(*made);
  } else {
    const auto pem = private_pem ? private_pem : public_pem;
    if (!pem) {
      return fail(key_error("key.publicKey", "missing",
                            "Import a publicKey, a privateKey, a certificate or a secret."));
    }
    if (!algorithm) algorithm = jose::infer_algorithm_from_pem(*pem);
    if (!algorithm) return fail(key_error("key.publicKey", "invalid", "Unrecognised key."));
    // The field the key came from, so an error names what the caller sent.
    const std::string field = private_pem                              ? "key.privateKey"
                              : json::get_string(request, "publicKey") ? "key.publicKey"
                                                                       : "key.certificate";
    auto made = jose::Key::from_pem(*algorithm, *pem);
    const bool too_short = made ? jose::is_rsa(*algorithm) && made->bits() < kMinRsaBits
                                : made.error() == jose::KeyError::kBadKeySize;
    if (too_short) {
      return fail(key_error(field, "invalidLength",
                            "An RSA key must be at least " + std::to_string(kMinRsaBits) +
                                " bits (and at most 8192)."));
    }
    if (!made) {
      return fail(key_error(
          field, "invalid",
          std::string("The key cannot be used: ") + std::string(jose::to_string(made.error()))));
    }
    key = std::move(*made);
    // Security: a private key and a separately given public key must be one pair.
    if (private_pem && public_pem) {
      auto given_public = jose::Key::from_pem(*algorithm, *public_pem);
      if (!given_public || given_public->public_pem() != key->public_pem()) {
        return fail(key_error("key.publicKey", "invalid",
                              "The publicKey does not belong to the privateKey."));
      }
    }
  }
  const Instant now = clock_.now();
  json::object doc = describe(*key, certificate, json::get_string(request, "issuer").value_or(""));
  const Uuid key_id = choose_id(id);
  const std::string kid = choose_kid(json::get_string(request, "kid"), *key, certificate);
  doc["id"] = key_id.str();
  doc["name"] = name;
  doc["kid"] = kid;
  stamp_created(doc, now);
  std::optional<std::string> stored_secret;
  if (key->is_hmac()) {
    stored_secret = key->secret().reveal();
  } else if (key->has_private()) {
    stored_secret = key->private_pem();
  }
  return save({key_id, name, kid, "", std::move(doc), stored_secret, owner});
}

Result<domain::SigningKey> KeyService::retrieve(const Uuid& id,
                                                const std::optional<Uuid>& scope) const {
  const auto snapshot = config_.current();
  const auto* entry = snapshot->find_key(id);
  // Security: another tenant's key answers exactly as an absent one.
  if (entry == nullptr || (scope && !key_visible_to_tenant(*snapshot, entry->record, *scope))) {
    return fail(Error::status(HttpStatus::kNotFound));
  }
  return entry->record;
}

std::vector<domain::SigningKey> KeyService::list(const std::optional<Uuid>& scope) const {
  const auto snapshot = config_.current();
  std::vector<domain::SigningKey> keys;
  for (const auto& entry : snapshot->keys()) {
    if (!scope || key_visible_to_tenant(*snapshot, entry.record, *scope)) {
      keys.push_back(entry.record);
    }
  }
  return keys;
}

Result<domain::SigningKey> KeyService::rename(const Uuid& id, const json::object& request,
                                              const std::optional<Uuid>& scope) {
  LATCHKEY_TRY(auto key, retrieve(id, scope));
  if (is_blank(request, "name")) return fail(key_error("key.name", "blank", "A name is required."));
  // Only the name of a key can change; everything else a PUT sends is ignored.
  key.name = *json::get_string(request, "name");
  key.data["name"] = key.name;
  key.data["lastUpdateInstant"] = to_epoch_ms(clock_.now());
  if (auto written = store_.keys.update_key(key); !written) {
    return fail(
        key_error("key.name", "duplicate", "A key with name [" + key.name + "] already exists."));
  }
  config_.reload();
  return key;
}

Status KeyService::remove(const Uuid& id, const std::optional<Uuid>& scope) {
  LATCHKEY_TRY(const auto key, retrieve(id, scope));
  if (key.role == "shadow") {
    return fail(Error::field(HttpStatus::kBadRequest, "keyId", "[shadow]keyId",
                             "This key is built in and cannot be deleted."));
  }
  const auto snapshot = config_.current();
  bool in_use = false;
  for (const auto& [tid, tenant] : snapshot->tenants()) {
    in_use = in_use || references_key(snapshot->settings(tenant)->jwt, id.str());
  }
  for (const auto& [aid, application] : snapshot->applications()) {
    in_use = in_use || references_key(snapshot->settings(application)->jwt, id.str());
  }
  // An identity provider verifies external tokens with its defaultKeyId / verificationKeyIds.
  for (const auto& provider : store_.identity_providers.list_identity_providers()) {
    in_use = in_use || json::get_string(provider.data, "defaultKeyId") == id.str();
    if (const auto* ids = json::get_array(provider.data, "verificationKeyIds")) {
      for (const auto& key_id : *ids) in_use = in_use || key_id == json::value(id.str());
    }
  }
  if (in_use) {
    return fail(Error::field(HttpStatus::kBadRequest, "keyId", "[inUse]keyId",
                             "The key is in use by a tenant, an application or an identity "
                             "provider."));
  }
  if (!store_.keys.delete_key(id)) return fail(Error::status(HttpStatus::kNotFound));
  config_.reload();
  return {};
}

void KeyService::ensure_default_keys() {
  const auto snapshot = config_.current();
  const Instant now = clock_.now();
  if (snapshot->default_signing_key() == nullptr) {
    const jose::Key key = jose::Key::generate(jose::Algorithm::kHS256);
    json::object doc = describe(key, std::nullopt, "");
    const Uuid id = crypto::random_uuid();
    const std::string kid = crypto::random_alphanumeric(24);
    doc["id"] = id.str();
    doc["name"] = "Default signing key";
    doc["kid"] = kid;
    stamp_created(doc, now);
    if (!store_.keys.insert_key({id, "Default signing key", kid, "default-signing", std::move(doc),
                                 key.secret().reveal()})) {
      throw std::runtime_error("cannot create the default signing key");
    }
  }
  const std::pair<const char*, const char*> shadows[] = {
      {kShadowKeyHs256Id, "HS256"}, {kShadowKeyHs384Id, "HS384"}, {kShadowKeyHs512Id, "HS512"}};
  for (const auto& [id_text, algorithm] : shadows) {
    const Uuid id = *Uuid::parse(id_text);
    if (snapshot->find_key(id) != nullptr) continue;
    const std::string bits = std::string(algorithm).substr(2);
    const std::string name = "OpenID Connect compliant HMAC using SHA-" + bits;
    json::object doc{{"id", id.str()},
                     {"name", name},
                     {"algorithm", algorithm},
                     {"type", "HMAC"},
                     {"kid", id.str()}};
    stamp_created(doc, now);
    if (!store_.keys.insert_key({id, name, id.str(), "shadow", std::move(doc), std::nullopt})) {
      throw std::runtime_error("cannot create the shadow keys");
    }
  }
  config_.reload();
}

json::object KeyService::public_keys() const {
  json::object keys;
  for (const auto& entry : config_.current()->keys()) {
    if (!entry.key || entry.key->is_hmac()) continue;
    keys[entry.record.kid] = entry.key->public_pem();
  }
  return keys;
}

Result<std::string> KeyService::public_key_for_application(
    const std::string& application_id) const {
  const auto snapshot = config_.current();
  const auto id = Uuid::parse(application_id);
  const auto* application = id ? snapshot->find_application(*id) : nullptr;
  const auto settings = application ? snapshot->settings(*application) : nullptr;
  if (settings == nullptr || !settings->jwt.enabled) {
    return fail(Error::status(HttpStatus::kNotFound));
  }
  const auto& key_id = settings->jwt.access_token_key_id;
  const auto* entry = key_id ? snapshot->find_key(*key_id) : nullptr;
  if (entry == nullptr || !entry->key || entry->key->is_hmac()) {
    return fail(Error::status(HttpStatus::kNotFound));
  }
  return entry->key->public_pem();
}

Result<std::string> KeyService::public_key_by_kid(const std::string& kid) const {
  const auto snapshot = config_.current();
  const auto* entry = snapshot->find_key_by_kid(kid);
  if (entry == nullptr || !entry->key || entry->key->is_hmac()) {
    return fail(Error::status(HttpStatus::kNotFound));
  }
  return entry->key->public_pem();
}

std::string KeyService::jwks() const { return config_.current()->jwks_json(); }

}  // namespace latchkey::services
