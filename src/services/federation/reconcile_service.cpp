#include "services/federation/reconcile_service.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "crypto/random.hpp"
#include "jose/jws.hpp"
#include "services/common/document_rules.hpp"
#include "services/federation/identity_provider_service.hpp"
#include "services/users/user_service.hpp"

namespace latchkey::services {
namespace {

// Seed: every reason a reconcile cannot proceed (ids, provider state, token) is a bare 401.
Error unauthorized(std::string detail) {
  return Error::status(HttpStatus::kUnauthorized, std::move(detail));
}

Error not_found(std::string detail) {
  return Error::status(HttpStatus::kNotFound, std::move(detail));
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool usable_email(const std::string& email) {
  const auto at = email.find('@');
  return at != std::string::npos && at > 0 && at + 1 < email.size() &&
         std::none_of(email.begin(), email.end(),
                      [](unsigned char c) { return std::isspace(c) != 0 || std::iscntrl(c) != 0; });
}

// Verifies the foreign token as strictly as Latchkey's own: the key is chosen by the header
// member the provider names (headerKeyParameter) among the provider's own keys only, the
// algorithm is the key's, exp and nbf hold with no leeway. A token whose header lacks the
// member gets the provider's default key (FusionAuth's "" entry).
Result<json::object> verify_external(const ConfigSnapshot& snapshot,
                                     const domain::IdentityProvider& provider,
                                     std::string_view token, Instant now) {
  std::vector<const KeyEntry*> keys;
  const auto add = [&](const json::value& id_value) {
    const auto id = id_value.is_string() ? Uuid::parse(id_value.as_string()) : std::nullopt;
    const KeyEntry* entry = id ? snapshot.find_key(*id) : nullptr;
    // Security: shadow keys carry no material of their own; they never verify.
    if (entry != nullptr && entry->key && entry->record.role != "shadow" &&
        std::find(keys.begin(), keys.end(), entry) == keys.end()) {
      keys.push_back(entry);
    }
  };
  if (const auto* id = provider.data.if_contains("defaultKeyId")) add(*id);
  if (const auto* ids = json::get_array(provider.data, "verificationKeyIds")) {
    for (const auto& id : *ids) add(id);
  }
  const KeyEntry* default_key = keys.empty() ? nullptr : keys.front();
  const std::string member = json::get_string(provider.data, "headerKeyParameter").value_or("kid");
  const jose::KeyResolver resolver = [&](const jose::DecodedHeader& header) -> const jose::Key* {
    const json::value* named = header.json.if_contains(member);
    const KeyEntry* entry = nullptr;
    if (named == nullptr || (named->is_string() && named->as_string().empty())) {
      entry = default_key;
    } else if (named->is_string()) {
      for (const KeyEntry* candidate : keys) {
        if (candidate->record.kid == named->as_string()) entry = candidate;
      }
    }
    return entry != nullptr ? &*entry->key : nullptr;
  };
  // A partner's ES* library may emit either S; only Latchkey's own tokens must be low-S.
  auto verified =
      jose::verify(token, resolver,
                   jose::VerifyOptions{.now = now, .require_exp = false, .require_low_s = false});
  if (!verified) {
    return fail(
        unauthorized("external JWT refused: " + std::string(jose::to_string(verified.error()))));
  }
  return std::move(verified->payload);
}

// A user created for an external identity: no password (it logs in through the provider).
domain::User new_federated_user(const Uuid& tenant_id, const std::optional<std::string>& email,
                                const std::optional<std::string>& username, Instant now) {
  const Uuid id = crypto::random_uuid();
  json::object doc{{"id", id.str()},   {"tenantId", tenant_id.str()},     {"active", true},
                   {"verified", true}, {"passwordChangeRequired", false}, {"data", json::object()}};
  std::optional<std::string> stored_email;
  if (email) {
    stored_email = lower(*email);
    doc["email"] = *stored_email;
  }
  if (username) doc["username"] = *username;
  stamp_created(doc, now);
  return domain::User{id,   tenant_id,      stored_email, username,
                      true, std::move(doc), std::nullopt, {}};
}

}  // namespace

struct ReconcileService::Linked {
  std::optional<PendingIdentityProviderLink> pending;  // set when the reconcile ends here
  std::optional<domain::User> user;
};

Result<ReconcileOutcome> ReconcileService::reconcile(const Caller& caller,
                                                     const ReconcileRequest& request) {
  Validation validation;
  // A login through a stored provider of a type Latchkey does not run carries no token (an
  // OpenID Connect code, a SAML response): it is answered [notSupported] below, not [missing].
  const auto named_provider =
      request.identity_provider_id
          ? Uuid::parse(*request.identity_provider_id).and_then([&](const Uuid& id) {
              return store_.identity_providers.find_identity_provider(id);
            })
          : std::nullopt;
  const bool not_run = named_provider && named_provider->type != kExternalJwtType;
  if (request.token.empty() && !not_run) {
    validation.add("encodedJWT", "[missing]encodedJWT",
                   "You must specify the [data.token] (or [encodedJWT]) property.");
  }
  if (!request.identity_provider_id || request.identity_provider_id->empty()) {
    validation.add("identityProviderId", "[missing]identityProviderId",
                   "You must specify the [identityProviderId] property.");
  }
  if (!request.application_id || request.application_id->empty()) {
    validation.add("applicationId", "[missing]applicationId",
                   "You must specify the [applicationId] property.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  const auto snapshot = config_.current();
  const auto application_id = Uuid::parse(*request.application_id);
  const domain::Application* application =
      application_id ? snapshot->find_application(*application_id) : nullptr;
  if (application == nullptr || !application->active || !caller.can_see(application->tenant_id)) {
    return fail(unauthorized("reconcile: unknown application"));
  }
  const domain::Tenant* tenant = snapshot->find_tenant(application->tenant_id);
  const auto provider_id = Uuid::parse(*request.identity_provider_id);
  const auto provider =
      provider_id ? store_.identity_providers.find_identity_provider(*provider_id) : std::nullopt;
  if (tenant == nullptr || !provider) {
    return fail(unauthorized("reconcile: unknown identity provider"));
  }
  if (provider->type != kExternalJwtType &&
      (!provider->tenant_id || *provider->tenant_id == tenant->id)) {
    // Stored through the Identity Provider API, but Latchkey does not run this type: say so
    // rather than pretend the login failed (identity_provider_types.hpp).
    return fail(Error::field(
        HttpStatus::kBadRequest, "identityProviderId", "[notSupported]identityProviderId",
        "Latchkey stores identity providers of type [" + provider->type +
            "] but does not complete logins with them; only [ExternalJWT] is supported."));
  }
  if (provider->type != kExternalJwtType) {
    return fail(unauthorized("reconcile: unknown identity provider"));
  }
  const std::string app_key = "applicationConfiguration." + application->id.str();
  if (!json::get_bool(provider->data, "enabled").value_or(false) ||
      !json::get_bool(provider->data, app_key + ".enabled").value_or(false) ||
      (provider->tenant_id && *provider->tenant_id != tenant->id)) {
    return fail(unauthorized("reconcile: identity provider disabled for this application"));
  }

  LATCHKEY_TRY(const auto claims,
               verify_external(*snapshot, *provider, request.token, clock_.now()));
  const auto identity = extract_identity(provider->data, claims);
  if (!identity) return fail(unauthorized("reconcile: the token names no user"));
  if (!email_domain_allowed(provider->data, identity->email)) {
    return fail(unauthorized("reconcile: email domain not managed by the provider"));
  }

  LATCHKEY_TRY(auto linked,
               link_user(*tenant, *application, *provider, *identity, claims, request));
  if (linked.pending) return std::move(*linked.pending);

  LoginRequest login;
  login.application_id = application->id.str();
  login.ip_address = request.ip_address;
  login.no_jwt = request.no_jwt;
  login.device = request.device;
  LoginContext context{"FEDERATED_JWT", json::object{{"identityProviderId", provider->id.str()},
                                                     {"identityProviderName", provider->name}}};
  LATCHKEY_TRY(auto outcome, login_.complete_verified_login(
                                 *tenant, application, std::move(*linked.user), login, context));
  return ReconcileOutcome{std::move(outcome)};
}

Result<ReconcileService::Linked> ReconcileService::link_user(
    const domain::Tenant& tenant, const domain::Application& application,
    const domain::IdentityProvider& provider, const ExternalIdentity& identity,
    const json::object& claims, const ReconcileRequest& request) {
  const std::string strategy =
      json::get_string(provider.data, "linkingStrategy").value_or("LinkByEmail");
  const bool create_registration =
      json::get_bool(provider.data,
                     "applicationConfiguration." + application.id.str() + ".createRegistration")
          .value_or(true);
  // Two first reconciles of one identity race to create its user: the loser's transaction
  // is refused whole, and its second pass finds the winner's link.
  for (int attempt = 0;; ++attempt) {
    const Instant now = clock_.now();
    const auto link = store_.identity_providers.find_identity_provider_link(provider.id, tenant.id,
                                                                            identity.user_id);
    std::optional<domain::User> user = link ? store_.users.find_user(link->user_id) : std::nullopt;
    bool new_user = false;
    if (!user) {
      if (request.no_link) return fail(not_found("reconcile: no link and noLink requested"));
      const bool by_email = strategy.starts_with("LinkByEmail");
      const bool by_username = strategy.starts_with("LinkByUsername");
      const bool existing_only = strategy.ends_with("ForExistingUser");
      if (strategy == "CreatePendingLink") {
        // FusionAuth answers 232 with a pendingIdPLinkId that the Link API completes. The
        // pending link is kept (hashed, expiring) for that API; Latchkey does not serve it yet.
        const std::string pending_id = crypto::random_token(32);
        const auto ttl = config_.current()->settings(tenant)->lifetimes.pending_account_link;
        json::object data{{"identityProviderId", provider.id.str()},
                          {"identityProviderUserId", identity.user_id},
                          {"tenantId", tenant.id.str()},
                          {"applicationId", application.id.str()}};
        if (const auto display = identity.display_name()) data["displayName"] = *display;
        store_.oauth_grants.insert_oauth_grant({vault_.lookup_hash(pending_id), "pending-idp-link",
                                                now + std::chrono::seconds(ttl), std::nullopt,
                                                std::move(data)});
        return Linked{PendingIdentityProviderLink{pending_id}, std::nullopt};
      }
      if (by_email) {
        // Security: an address the provider says is unverified never links to an account.
        if (!identity.email || !usable_email(*identity.email) || identity.email_verified == false) {
          return fail(unauthorized("reconcile: no verified email to link by"));
        }
        user = store_.users.find_user_by_email(tenant.id, lower(*identity.email));
        if (!user && existing_only) return fail(not_found("reconcile: no user with that email"));
        if (!user) {
          user = new_federated_user(tenant.id, identity.email, std::nullopt, now);
          new_user = true;
        }
      } else if (by_username) {
        if (!identity.username) return fail(unauthorized("reconcile: no username to link by"));
        user = store_.users.find_user_by_username(tenant.id, *identity.username);
        if (!user && existing_only) {
          return fail(not_found("reconcile: no user with that username"));
        }
        if (!user) {
          user = new_federated_user(tenant.id, std::nullopt, identity.username, now);
          new_user = true;
        }
      } else if (strategy == "LinkAnonymously") {
        user = new_federated_user(tenant.id, std::nullopt, std::nullopt, now);
        new_user = true;
      } else {
        // Disabled (links are made through the Link API) and Unsupported: no automatic link.
        return fail(not_found("reconcile: linking strategy " + strategy + " links no user"));
      }
    }

    auto registration = store_.registrations.find_registration(user->id, application.id);
    bool new_registration = false;
    if (!registration && create_registration) {
      LATCHKEY_TRY(auto made, registrations_.prepare_new(
                                  *user, json::object{{"applicationId", application.id.str()}}));
      registration = std::move(made);
      new_registration = true;
    }
    const json::object user_before = user->data;
    const json::object registration_before = registration ? registration->data : json::object();
    apply_claim_map(provider.data, claims, user->data,
                    registration ? &registration->data : nullptr);
    if (!new_user && user->data != user_before) user->data["lastUpdateInstant"] = to_epoch_ms(now);
    if (registration && !new_registration && registration->data != registration_before) {
      registration->data["lastUpdateInstant"] = to_epoch_ms(now);
    }

    domain::IdentityProviderLink next =
        link ? *link
             : domain::IdentityProviderLink{provider.id, identity.user_id, user->id, tenant.id,
                                            json::object{{"insertInstant", to_epoch_ms(now)}}};
    next.user_id = user->id;
    next.data["identityProviderId"] = provider.id.str();
    next.data["identityProviderName"] = provider.name;
    next.data["identityProviderType"] = provider.type;
    next.data["identityProviderUserId"] = identity.user_id;
    next.data["tenantId"] = tenant.id.str();
    next.data["userId"] = user->id.str();
    next.data["lastLoginInstant"] = to_epoch_ms(now);
    if (const auto display = identity.display_name()) next.data["displayName"] = *display;
    if (request.identity_provider_token) next.data["token"] = *request.identity_provider_token;

    store::FederatedLoginWrite write{*user, new_user,         registration, new_registration,
                                     next,  !link.has_value()};
    if (auto written = store_.identity_providers.write_federated_login(write); !written) {
      if (attempt == 0) continue;
      return fail(UserService::conflict_error(written.error(), *user, "user")
                      .with_log_detail("reconcile: write refused twice"));
    }
    if (!link) {
      events_.raise(tenant.id, json::object{{"type", "user.identity-provider.link"},
                                            {"identityProviderLink", next.data},
                                            {"user", json::object{{"id", user->id.str()}}}});
    }
    return Linked{std::nullopt, std::move(*user)};
  }
}

}  // namespace latchkey::services
