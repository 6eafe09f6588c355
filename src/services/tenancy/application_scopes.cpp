// The OAuth Scope API (FusionAuth 1.50+, /api/application/{applicationId}/scope/{scopeId}):
// an application's custom scopes, kept in the application document's `scopes` array, which the
// Application API itself never writes. A custom scope is a known scope in OAuth requests to
// that application (domain/application_settings.hpp, custom_scopes).

#include "services/common/document_rules.hpp"
#include "services/common/field_types.hpp"
#include "services/tenancy/application_service.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

json::array& scopes_of(domain::Application& application) {
  auto& scopes = application.data["scopes"];
  if (!scopes.is_array()) scopes = json::array();
  return scopes.as_array();
}

json::object* find_scope(json::array& scopes, const Uuid& id) {
  for (auto& entry : scopes) {
    if (entry.is_object() && json::get_string(entry.as_object(), "id") == id.str()) {
      return &entry.as_object();
    }
  }
  return nullptr;
}

// The fields every stored scope carries, as FusionAuth answers them.
void complete(json::object& scope, const Uuid& id, const Uuid& application_id) {
  scope["id"] = id.str();
  scope["applicationId"] = application_id.str();
  json::set_default(scope, "required", false);
  json::set_default(scope, "data", json::object{});
}

}  // namespace

Result<json::object> ApplicationService::create_scope(const Caller& caller,
                                                      const Uuid& application_id,
                                                      const std::optional<Uuid>& scope_id,
                                                      json::object scope) {
  LATCHKEY_CHECK(require_field_types(scope, "scope", kApplicationOAuthScopeFields));
  LATCHKEY_TRY(auto existing, retrieve(caller, application_id));
  const Uuid id = choose_id(scope_id);
  if (is_blank(scope, "name")) {
    return fail(Error::field(HttpStatus::kBadRequest, "scope.name", "[blank]scope.name",
                             "You must specify the [scope.name]."));
  }
  const std::string name = json::get_string(scope, "name").value_or("");
  auto& scopes = scopes_of(existing);
  for (const auto& other : scopes) {
    if (!other.is_object()) continue;
    if (json::get_string(other.as_object(), "name") == name) {
      return fail(Error::field(HttpStatus::kBadRequest, "scope.name", "[duplicate]scope.name",
                               "An OAuth Scope named [" + name + "] already exists."));
    }
    if (json::get_string(other.as_object(), "id") == id.str()) {
      return fail(Error::field(HttpStatus::kBadRequest, "scopeId", "[duplicate]scopeId",
                               "An OAuth Scope with Id [" + id.str() + "] already exists."));
    }
  }
  complete(scope, id, application_id);
  const auto now = to_epoch_ms(clock_.now());
  scope["insertInstant"] = now;
  scope["lastUpdateInstant"] = now;
  scopes.push_back(scope);
  LATCHKEY_TRY(const auto saved, replace(existing, existing.data));
  (void)saved;
  return scope;
}

Result<json::object> ApplicationService::retrieve_scope(const Caller& caller,
                                                        const Uuid& application_id,
                                                        const Uuid& scope_id) const {
  LATCHKEY_TRY(auto existing, retrieve(caller, application_id));
  const auto* scope = find_scope(scopes_of(existing), scope_id);
  if (scope == nullptr) return fail(not_found());
  return *scope;
}

Result<json::object> ApplicationService::update_scope(const Caller& caller,
                                                      const Uuid& application_id,
                                                      const Uuid& scope_id, json::object scope,
                                                      std::optional<PatchStyle> patch) {
  LATCHKEY_CHECK(require_field_types(scope, "scope", kApplicationOAuthScopeFields));
  LATCHKEY_TRY(auto existing, retrieve(caller, application_id));
  auto* stored = find_scope(scopes_of(existing), scope_id);
  if (stored == nullptr) return fail(not_found());
  json::object next = patch ? patched(*stored, scope, *patch) : scope;
  // The name is what OAuth requests say; FusionAuth's update request does not take one, so
  // the stored name stays (and so does the insert instant).
  next["name"] = (*stored)["name"];
  next["insertInstant"] = (*stored)["insertInstant"];
  complete(next, scope_id, application_id);
  next["lastUpdateInstant"] = to_epoch_ms(clock_.now());
  *stored = next;
  LATCHKEY_TRY(const auto saved, replace(existing, existing.data));
  (void)saved;
  return next;
}

Status ApplicationService::remove_scope(const Caller& caller, const Uuid& application_id,
                                        const Uuid& scope_id) {
  LATCHKEY_TRY(auto existing, retrieve(caller, application_id));
  auto& scopes = scopes_of(existing);
  const auto before = scopes.size();
  for (auto it = scopes.begin(); it != scopes.end();) {
    const bool match = it->is_object() && json::get_string(it->as_object(), "id") == scope_id.str();
    it = match ? scopes.erase(it) : it + 1;
  }
  if (scopes.size() == before) return fail(not_found());
  LATCHKEY_TRY(const auto saved, replace(existing, existing.data));
  (void)saved;
  return {};
}

}  // namespace latchkey::services
