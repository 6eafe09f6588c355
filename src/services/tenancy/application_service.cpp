#include "services/tenancy/application_service.hpp"

#include "services/keys/public_key_events.hpp"

#include "crypto/random.hpp"
#include "services/common/defaults.hpp"
#include "services/common/field_types.hpp"
#include "services/common/fusionauth_ids.hpp"
#include "services/keys/key_visibility.hpp"
#include "services/keys/signing_key_rules.hpp"
#include "services/tenancy/ttl_rules.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

bool is_fusionauth_application(const Uuid& id) { return id.str() == kFusionAuthApplicationId; }

// Gives each role an id and timestamps and checks its name; reports problems by index.
void prepare_roles(json::object& application, const json::object* previous, Instant now,
                   Validation& validation) {
  auto* roles = application.if_contains("roles");
  if (roles == nullptr || !roles->is_array()) {
    application["roles"] = json::array();
    return;
  }
  std::size_t index = 0;
  for (auto& entry : roles->as_array()) {
    const std::string field = "application.roles[" + std::to_string(index++) + "].name";
    if (!entry.is_object() || is_blank(entry.as_object(), "name")) {
      validation.add(field, "[blank]" + field, "You must specify the role name.");
      continue;
    }
    auto& role = entry.as_object();
    const auto given_id = json::get_string(role, "id").and_then(Uuid::parse);
    role["id"] = choose_id(given_id).str();
    json::set_default(role, "isDefault", false);
    json::set_default(role, "isSuperRole", false);
    json::set_default(role, "insertInstant", to_epoch_ms(now));
    role["lastUpdateInstant"] = to_epoch_ms(now);
  }
  (void)previous;
}

}  // namespace

Result<domain::Application> ApplicationService::prepare(json::object application, const Uuid& id,
                                                        const Uuid& tenant_id,
                                                        const json::object* previous,
                                                        const std::optional<Uuid>& key_scope) {
  LATCHKEY_CHECK(require_field_types(application, "application", kApplicationFields));
  const Instant now = clock_.now();
  Validation validation;
  if (is_blank(application, "name")) {
    validation.add("application.name", "[blank]application.name",
                   "You must specify the [application.name].");
  }
  prepare_roles(application, previous, now, validation);
  check_application_ttls(application, validation);
  if (auto error = validation.take()) return fail(std::move(*error));
  if (themes_ != nullptr) {
    LATCHKEY_CHECK(check_theme_reference(application, "application", *themes_));
  }

  json::apply_defaults(application, application_defaults());
  LATCHKEY_CHECK(validate_signing_keys(application, "application", *config_.current(), key_scope));
  auto& oauth = json::ensure_object(application, "oauthConfiguration");
  oauth["clientId"] = id.str();
  if (is_blank(oauth, "clientSecret")) {
    const auto* kept =
        previous ? json::find(*previous, "oauthConfiguration.clientSecret") : nullptr;
    // FusionAuth generates a secret on create and keeps the stored one when a PUT omits it.
    oauth["clientSecret"] = kept ? *kept : json::value(crypto::random_token(32));
  }
  // requireClientAuthentication is the deprecated twin of clientAuthenticationPolicy.
  if (const auto policy = json::get_string(oauth, "clientAuthenticationPolicy")) {
    oauth["requireClientAuthentication"] = *policy == "Required";
  }
  application["id"] = id.str();
  application["tenantId"] = tenant_id.str();
  if (previous == nullptr) {
    stamp_created(application, now);
  } else {
    stamp_updated(application, *previous, now, {"active", "state"});
  }
  const bool active = json::get_bool(application, "active").value_or(true);
  return domain::Application{id, tenant_id, json::get_string(application, "name").value_or(""),
                             active, std::move(application)};
}

Result<domain::Application> ApplicationService::save(domain::Application application,
                                                     bool created) {
  auto written = created ? store_.applications.insert_application(application)
                         : store_.applications.update_application(application);
  if (!written) {
    return fail(
        Error::field(HttpStatus::kBadRequest, "applicationId", "[duplicate]applicationId",
                     "An Application with Id [" + application.id.str() + "] already exists."));
  }
  config_.reload();
  return application;
}

Result<domain::Application> ApplicationService::create(const Caller& caller,
                                                       const std::optional<Uuid>& id,
                                                       json::object application) {
  LATCHKEY_TRY(const Uuid tenant_id, resolve_tenant(caller, *config_.current()));
  const Uuid chosen = choose_id(id);
  if (config_.current()->find_application(chosen) != nullptr) {
    return fail(Error::field(HttpStatus::kBadRequest, "applicationId", "[duplicate]applicationId",
                             "An Application with Id [" + chosen.str() + "] already exists."));
  }
  application.erase("active");
  application.erase("state");
  // Custom scopes are created through the OAuth Scope API only; a new application has none.
  application.erase("scopes");
  LATCHKEY_TRY(auto prepared,
               prepare(std::move(application), chosen, tenant_id, nullptr, key_scope(caller)));
  return save(std::move(prepared), true);
}

Result<domain::Application> ApplicationService::retrieve(const Caller& caller,
                                                         const Uuid& id) const {
  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(id);
  if (application == nullptr || !caller.can_see(application->tenant_id)) {
    return fail(not_found());
  }
  return *application;
}

std::vector<domain::Application> ApplicationService::list(const Caller& caller,
                                                          bool inactive) const {
  std::vector<domain::Application> visible;
  for (const auto& [key, application] : config_.current()->applications()) {
    if (caller.can_see(application.tenant_id) && application.active != inactive) {
      visible.push_back(application);
    }
  }
  return visible;
}

Result<domain::Application> ApplicationService::update(const Caller& caller, const Uuid& id,
                                                       json::object application) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  // Roles are managed through /api/application/{id}/role and custom scopes through
  // /api/application/{id}/scope; a PUT or PATCH leaves them alone.
  for (const char* managed : {"roles", "scopes"}) {
    if (const auto* kept = existing.data.if_contains(managed)) {
      application[managed] = *kept;
    } else {
      application.erase(managed);
    }
  }
  return replace(existing, std::move(application), key_scope(caller));
}

Result<domain::Application> ApplicationService::replace(const domain::Application& existing,
                                                        json::object application,
                                                        const std::optional<Uuid>& key_scope) {
  LATCHKEY_TRY(auto prepared, prepare(std::move(application), existing.id, existing.tenant_id,
                                      &existing.data, key_scope));
  prepared.active = existing.active;
  if (events_ == nullptr || !signing_keys_changed(existing.data, prepared.data)) {
    return save(std::move(prepared), false);
  }
  // jwt.public-key.update is transactional: asked before the write, enqueued with it.
  LATCHKEY_TRY(auto owed,
               events_->prepare(existing.tenant_id, public_key_update_event({existing.id})));
  std::optional<Result<domain::Application>> saved;
  store_.unit_of_work.in_transaction([&] {
    saved = save(std::move(prepared), false);
    if (!*saved) return false;
    events_->enqueue(std::move(owed));
    return true;
  });
  return std::move(*saved);
}

Result<domain::Application> ApplicationService::patch(const Caller& caller, const Uuid& id,
                                                      const json::object& patch, PatchStyle style) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  return update(caller, id, patched(existing.data, patch, style));
}

Result<domain::Application> ApplicationService::reactivate(const Caller& caller, const Uuid& id) {
  LATCHKEY_TRY(auto existing, retrieve(caller, id));
  existing.active = true;
  existing.data["active"] = true;
  existing.data["state"] = "Active";
  existing.data["lastUpdateInstant"] = to_epoch_ms(clock_.now());
  return save(std::move(existing), false);
}

Status ApplicationService::remove(const Caller& caller, const Uuid& id, bool hard_delete) {
  LATCHKEY_TRY(auto existing, retrieve(caller, id));
  if (is_fusionauth_application(id)) {
    return fail(Error::field(HttpStatus::kBadRequest, "applicationId", "[fusionAuth]applicationId",
                             "The FusionAuth application cannot be deleted."));
  }
  if (hard_delete) {
    if (!store_.applications.delete_application(id)) return fail(not_found());
    config_.reload();
    return {};
  }
  existing.active = false;
  existing.data["active"] = false;
  existing.data["state"] = "Inactive";
  existing.data["lastUpdateInstant"] = to_epoch_ms(clock_.now());
  LATCHKEY_TRY(const auto saved, save(std::move(existing), false));
  (void)saved;
  return {};
}

Result<ApplicationWithRole> ApplicationService::create_role(const Caller& caller,
                                                            const Uuid& application_id,
                                                            const std::optional<Uuid>& role_id,
                                                            json::object role) {
  LATCHKEY_TRY(auto existing, retrieve(caller, application_id));
  const Uuid id = choose_id(role_id);
  role["id"] = id.str();
  const std::string name = json::get_string(role, "name").value_or("");
  for (const auto& other : existing.data["roles"].as_array()) {
    const auto& other_role = other.as_object();
    if (json::get_string(other_role, "name") == name && !name.empty()) {
      return fail(Error::field(HttpStatus::kBadRequest, "role.name", "[duplicate]role.name",
                               "A role named [" + name + "] already exists."));
    }
    if (json::get_string(other_role, "id") == id.str()) {
      return fail(Error::field(HttpStatus::kBadRequest, "roleId", "[duplicate]roleId",
                               "A role with Id [" + id.str() + "] already exists."));
    }
  }
  if (is_blank(role, "name")) {
    return fail(Error::field(HttpStatus::kBadRequest, "role.name", "[blank]role.name",
                             "You must specify the [role.name]."));
  }
  existing.data["roles"].as_array().push_back(role);
  LATCHKEY_TRY(auto saved, replace(existing, existing.data));
  for (const auto& stored : saved.data["roles"].as_array()) {
    if (json::get_string(stored.as_object(), "id") == id.str()) {
      return ApplicationWithRole{saved, stored.as_object()};
    }
  }
  throw std::logic_error("created role vanished");
}

Result<ApplicationWithRole> ApplicationService::update_role(const Caller& caller,
                                                            const Uuid& application_id,
                                                            const Uuid& role_id, json::object role,
                                                            bool merge) {
  LATCHKEY_TRY(auto existing, retrieve(caller, application_id));
  for (auto& stored : existing.data["roles"].as_array()) {
    auto& stored_role = stored.as_object();
    if (json::get_string(stored_role, "id") != role_id.str()) continue;
    // Role ids are unique, so the loop moves `role` at most once and returns on that match.
    // NOLINTBEGIN(bugprone-use-after-move)
    json::object next =
        merge ? patched(stored_role, role, PatchStyle::kLegacyMerge) : std::move(role);
    // NOLINTEND(bugprone-use-after-move)
    next["id"] = role_id.str();
    if (const auto* inserted = stored_role.if_contains("insertInstant")) {
      next["insertInstant"] = *inserted;
    }
    stored_role = std::move(next);
    LATCHKEY_TRY(auto saved, replace(existing, existing.data));
    for (const auto& result : saved.data["roles"].as_array()) {
      if (json::get_string(result.as_object(), "id") == role_id.str()) {
        return ApplicationWithRole{saved, result.as_object()};
      }
    }
  }
  return fail(not_found());
}

Status ApplicationService::remove_role(const Caller& caller, const Uuid& application_id,
                                       const Uuid& role_id) {
  LATCHKEY_TRY(auto existing, retrieve(caller, application_id));
  auto& roles = existing.data["roles"].as_array();
  const auto before = roles.size();
  for (auto it = roles.begin(); it != roles.end();) {
    it = json::get_string(it->as_object(), "id") == role_id.str() ? roles.erase(it) : it + 1;
  }
  if (roles.size() == before) return fail(not_found());
  LATCHKEY_TRY(const auto saved, replace(existing, existing.data));
  (void)saved;
  return {};
}

void ApplicationService::ensure_fusionauth_application(const Uuid& tenant_id) {
  const Uuid id = *Uuid::parse(kFusionAuthApplicationId);
  if (config_.current()->find_application(id) != nullptr) return;
  auto prepared = prepare(fusionauth_application_document(), id, tenant_id, nullptr);
  if (!prepared || !save(std::move(*prepared), true)) {
    throw std::runtime_error("cannot create the FusionAuth application");
  }
}

}  // namespace latchkey::services
