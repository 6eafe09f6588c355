#include "services/users/registration_service.hpp"

#include "crypto/random.hpp"
#include "services/common/field_types.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

}  // namespace

Result<domain::Registration> RegistrationService::prepare(const domain::User& user,
                                                          json::object registration,
                                                          const domain::Registration* previous,
                                                          bool skip_verification) {
  LATCHKEY_CHECK(require_field_types(registration, "registration", kRegistrationFields));
  Validation validation;
  const auto application_text = json::get_string(registration, "applicationId");
  const auto application_id = application_text.and_then(Uuid::parse);
  if (!application_text || application_text->empty()) {
    validation.add("registration.applicationId", "[blank]registration.applicationId",
                   "You must specify the [registration.applicationId] property.");
  } else if (!application_id) {
    validation.add("registration.applicationId", "[couldNotConvert]registration.applicationId",
                   "The [registration.applicationId] is not a valid UUID.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(*application_id);
  if (application == nullptr || application->tenant_id != user.tenant_id) {
    return fail(Error::field(HttpStatus::kBadRequest, "registration.applicationId",
                             "[invalid]registration.applicationId",
                             "The application [" + application_id->str() + "] does not exist."));
  }

  // Roles are names of the application's roles; none given means its default roles.
  const auto settings = snapshot->settings(*application);
  const auto* roles = registration.if_contains("roles");
  if (roles == nullptr || roles->is_null() || (roles->is_array() && roles->as_array().empty())) {
    json::array defaults;
    if (previous == nullptr) {
      for (const auto& name : settings->default_role_names) defaults.emplace_back(name);
    }
    registration["roles"] = std::move(defaults);
  } else if (!roles->is_array()) {
    validation.add("registration.roles", "[invalid]registration.roles",
                   "The [registration.roles] must be an array of role names.");
  } else {
    const auto& known = settings->role_names;
    for (const auto& role : roles->as_array()) {
      if (!role.is_string() || !known.contains(std::string(role.as_string()))) {
        validation.add("registration.roles", "[invalid]registration.roles",
                       "The role [" + (role.is_string() ? std::string(role.as_string()) : "") +
                           "] is not a role of the application.");
      }
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  const Instant now = clock_.now();
  const Uuid id = previous ? previous->id
                           : choose_id(json::get_string(registration, "id").and_then(Uuid::parse));
  registration["id"] = id.str();
  registration["applicationId"] = application_id->str();
  if (previous == nullptr) {
    const bool must_verify =
        snapshot->settings(*application)->verify_registration && !skip_verification;
    registration["verified"] = !must_verify;
    if (!must_verify) registration["verifiedInstant"] = to_epoch_ms(now);
    json::set_default(registration, "data", json::object());
    stamp_created(registration, now);
  } else {
    stamp_updated(registration, previous->data, now,
                  {"verified", "verifiedInstant", "lastLoginInstant", "authenticationToken"});
  }
  return domain::Registration{id, user.id, *application_id, std::move(registration)};
}

Result<domain::Registration> RegistrationService::prepare_new(const domain::User& user,
                                                              json::object registration) {
  return prepare(user, std::move(registration), nullptr, false);
}

Result<RegistrationOutcome> RegistrationService::create(const Caller& caller,
                                                        RegistrationRequest request) {
  if (request.user) {
    // The combined create: a new user and its first registration, written together.
    // The registration's application places the new user in its tenant (caller.hpp).
    const TenantHint hint{
        json::get_string(request.registration, "applicationId").and_then(Uuid::parse),
        "registration.applicationId"};
    LATCHKEY_TRY(const Uuid tenant_id, resolve_tenant(caller, *config_.current(), hint));
    LATCHKEY_TRY(auto user,
                 users_.prepare_new(tenant_id, request.user_id, std::move(*request.user), "user"));
    LATCHKEY_TRY(auto registration, prepare(user, std::move(request.registration), nullptr,
                                            request.skip_registration_verification));
    if (auto written = store_.users.insert_user_with_registration(user, registration); !written) {
      return fail(UserService::conflict_error(written.error(), user, "user"));
    }
    UserView view{std::move(user), {registration}, {}};
    return RegistrationOutcome{std::move(registration), std::move(view)};
  }
  if (!request.user_id) {
    return fail(Error::field(HttpStatus::kBadRequest, "userId", "[missing]userId",
                             "You must specify the user id in the URL or a [user] object."));
  }
  LATCHKEY_TRY(auto existing, users_.retrieve(caller, *request.user_id));
  LATCHKEY_TRY(auto registration, prepare(existing.user, std::move(request.registration), nullptr,
                                          request.skip_registration_verification));
  if (auto written = store_.registrations.insert_registration(registration); !written) {
    return fail(UserService::conflict_error(written.error(), existing.user, "user"));
  }
  existing.registrations.push_back(registration);
  return RegistrationOutcome{std::move(registration), std::move(existing)};
}

Result<domain::Registration> RegistrationService::retrieve(const Caller& caller,
                                                           const Uuid& user_id,
                                                           const Uuid& application_id) const {
  LATCHKEY_TRY(const auto user, users_.retrieve(caller, user_id));
  auto registration = store_.registrations.find_registration(user_id, application_id);
  if (!registration) return fail(not_found());
  return std::move(*registration);
}

Result<RegistrationOutcome> RegistrationService::update(const Caller& caller, const Uuid& user_id,
                                                        const std::optional<Uuid>& application_id,
                                                        json::object registration, bool merge) {
  // The application id in the URL wins over the one in the body.
  const auto target = application_id
                          ? application_id
                          : json::get_string(registration, "applicationId").and_then(Uuid::parse);
  if (!target) {
    return fail(Error::field(HttpStatus::kBadRequest, "registration.applicationId",
                             "[blank]registration.applicationId",
                             "You must specify the [registration.applicationId] property."));
  }
  LATCHKEY_TRY(auto existing_user, users_.retrieve(caller, user_id));
  auto previous = store_.registrations.find_registration(user_id, *target);
  if (!previous) return fail(not_found());
  json::object next = merge ? patched(previous->data, registration, PatchStyle::kLegacyMerge)
                            : std::move(registration);
  next["applicationId"] = target->str();
  LATCHKEY_TRY(auto updated, prepare(existing_user.user, std::move(next), &*previous, false));
  if (auto written = store_.registrations.update_registration(updated); !written) {
    return fail(UserService::conflict_error(written.error(), existing_user.user, "user"));
  }
  auto view = users_.view(existing_user.user);
  return RegistrationOutcome{std::move(updated), std::move(view)};
}

Status RegistrationService::remove(const Caller& caller, const Uuid& user_id,
                                   const Uuid& application_id) {
  LATCHKEY_TRY(const auto user, users_.retrieve(caller, user_id));
  if (!store_.registrations.delete_registration(user_id, application_id)) return fail(not_found());
  return {};
}

}  // namespace latchkey::services
