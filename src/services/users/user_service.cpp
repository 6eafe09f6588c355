#include "services/users/user_service.hpp"

#include <algorithm>
#include <cctype>

#include "core/base64.hpp"
#include "crypto/random.hpp"
#include "services/common/field_types.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A pragmatic address check: one @, something on each side, no spaces, a dot in the domain.
bool looks_like_email(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  if (std::any_of(email.begin(), email.end(),
                  [](unsigned char c) { return std::isspace(c) != 0 || std::iscntrl(c) != 0; })) {
    return false;
  }
  const auto domain = std::string_view(email).substr(at + 1);
  return !domain.empty() && domain.find('.') != std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.';
}

// Members a client may send but that are never stored in the document.
constexpr std::string_view kWriteOnly[] = {"password", "encryptionScheme", "factor", "salt",
                                           "registrations"};

int tenant_factor(const domain::TenantSettings& tenant) {
  return static_cast<int>(tenant.password_encryption.factor.value_or(0));
}

}  // namespace

Error UserService::conflict_error(store::Conflict conflict, const domain::User& user,
                                  std::string_view field_prefix) {
  const std::string prefix(field_prefix);
  switch (conflict) {
    case store::Conflict::kDuplicateEmail:
      return Error::field(HttpStatus::kBadRequest, prefix + ".email",
                          "[duplicate]" + prefix + ".email",
                          "A User with email = [" + user.email.value_or("") + "] already exists.");
    case store::Conflict::kDuplicateUsername:
      return Error::field(
          HttpStatus::kBadRequest, prefix + ".username", "[duplicate]" + prefix + ".username",
          "A User with username = [" + user.username.value_or("") + "] already exists.");
    case store::Conflict::kDuplicateRegistration:
      return Error::field(HttpStatus::kBadRequest, "registration", "[duplicate]registration",
                          "The user is already registered for this application.");
    case store::Conflict::kMissingParent:
      return Error::field(HttpStatus::kBadRequest, "registration.applicationId",
                          "[invalid]registration.applicationId", "The application does not exist.");
    default:
      return Error::field(HttpStatus::kBadRequest, "userId", "[duplicate]userId",
                          "A User with Id [" + user.id.str() + "] already exists.");
  }
}

Result<domain::User> UserService::prepare(const Uuid& tenant_id, const Uuid& id, json::object user,
                                          const domain::User* previous,
                                          std::string_view field_prefix) {
  const auto snapshot = config_.current();
  const domain::Tenant* tenant = snapshot->find_tenant(tenant_id);
  if (tenant == nullptr) return fail(not_found());
  const auto settings = snapshot->settings(*tenant);
  const std::string prefix(field_prefix);
  LATCHKEY_CHECK(require_field_types(user, prefix, kUserFields));
  const Instant now = clock_.now();
  Validation validation;

  if (is_blank(user, "email")) {
    // FusionAuth takes data.email as the email when email itself is absent.
    if (const auto data_email = json::get_string(user, "data.email")) user["email"] = *data_email;
  }
  std::optional<std::string> email;
  if (!is_blank(user, "email")) {
    if (!user["email"].is_string() || !looks_like_email(std::string(user["email"].as_string()))) {
      validation.add(prefix + ".email", "[notEmail]" + prefix + ".email",
                     "The [" + prefix + ".email] is not a valid email address.");
    } else {
      email = lower(std::string(user["email"].as_string()));
      user["email"] = *email;
    }
  } else {
    user.erase("email");
  }
  std::optional<std::string> username;
  if (!is_blank(user, "username")) {
    if (!user["username"].is_string()) {
      validation.add(prefix + ".username", "[invalid]" + prefix + ".username",
                     "The [" + prefix + ".username] must be a string.");
    } else {
      username = std::string(user["username"].as_string());
    }
  } else {
    user.erase("username");
  }
  if (!email && !username && validation.ok()) {
    validation.add(prefix + ".email", "[blank]" + prefix + ".email",
                   "You must specify either the [" + prefix + ".email] or [" + prefix +
                       ".username] property.");
    validation.add(prefix + ".username", "[blank]" + prefix + ".username",
                   "You must specify either the [" + prefix + ".email] or [" + prefix +
                       ".username] property.");
  }

  // The password: required on create, optional on update (absent keeps the stored hash).
  std::optional<crypto::PasswordHash> password_hash;
  const auto password = json::get_string(user, "password");
  const auto scheme =
      json::get_string(user, "encryptionScheme").value_or(settings->password_encryption.scheme);
  const auto requested_factor = json::get_int(user, "factor");
  if (!crypto::PasswordHasher::is_supported(scheme)) {
    validation.add(prefix + ".encryptionScheme", "[invalid]" + prefix + ".encryptionScheme",
                   "The encryption scheme [" + scheme + "] is not supported.");
  }
  if (requested_factor && (*requested_factor <= 0 || *requested_factor > crypto::kMaxIterations)) {
    validation.add(prefix + ".factor", "[invalid]" + prefix + ".factor",
                   "The [" + prefix + ".factor] is out of range.");
  }
  if (scheme == "bcrypt" && requested_factor && (*requested_factor < 4 || *requested_factor > 31)) {
    validation.add(prefix + ".factor", "[invalid]" + prefix + ".factor",
                   "A bcrypt factor must be between 4 and 31.");
  }
  if (!password && previous == nullptr) {
    validation.add(prefix + ".password", "[blank]" + prefix + ".password",
                   "You must specify the [" + prefix + ".password] property.");
  } else if (password) {
    const auto min_length = settings->password_rules.min_length;
    const auto max_length = settings->password_rules.max_length;
    const auto length = static_cast<std::int64_t>(password->size());
    if (password->empty()) {
      validation.add(prefix + ".password", "[blank]" + prefix + ".password",
                     "You must specify the [" + prefix + ".password] property.");
    } else if (length < min_length) {
      validation.add(prefix + ".password", "[tooShort]" + prefix + ".password",
                     "The [" + prefix + ".password] is too short.");
    } else if (length > max_length) {
      validation.add(prefix + ".password", "[tooLong]" + prefix + ".password",
                     "The [" + prefix + ".password] is too long.");
    } else if (password->find('\0') != std::string::npos) {
      validation.add(prefix + ".password", "[invalid]" + prefix + ".password",
                     "The [" + prefix + ".password] contains a NUL character.");
    }
  }
  if (auto error = validation.take()) return fail(std::move(*error));

  if (password) {
    const int factor =
        requested_factor
            ? static_cast<int>(*requested_factor)
            : (json::get_string(user, "encryptionScheme") ? 0 : tenant_factor(*settings));
    password_hash = hasher_.hash(scheme, Secret(*password), factor);
  }
  for (const auto key : kWriteOnly) user.erase(key);
  // Two-factor methods get an id; an authenticator's secret must be base64 (RFC 6238 key).
  if (auto* methods = json::find(user, "twoFactor.methods"); methods && methods->is_array()) {
    std::size_t index = 0;
    for (const auto& method : methods->as_array()) {
      const auto* secret = method.is_object() ? method.as_object().if_contains("secret") : nullptr;
      if (secret != nullptr && (!secret->is_string() || !base64::decode(secret->as_string()))) {
        const std::string field =
            prefix + ".twoFactor.methods[" + std::to_string(index) + "].secret";
        return fail(Error::field(HttpStatus::kBadRequest, field, "[invalid]" + field,
                                 "The authenticator secret must be base64."));
      }
      ++index;
    }
    for (auto& method : json::ensure_object(user, "twoFactor")["methods"].as_array()) {
      if (method.is_object() && !method.as_object().contains("id")) {
        method.as_object()["id"] = crypto::random_alphanumeric(4);
      }
    }
  }

  domain::User record{id, tenant_id, email, username, true, std::move(user), std::nullopt, {}};
  auto& doc = record.data;
  doc["id"] = id.str();
  doc["tenantId"] = tenant_id.str();
  if (previous == nullptr) {
    json::set_default(doc, "active", true);
    record.active = true;
    doc["active"] = true;
    json::set_default(doc, "verified", true);
    json::set_default(doc, "passwordChangeRequired", false);
    json::set_default(doc, "data", json::object());
    stamp_created(doc, now);
  } else {
    // Server-owned members: a PUT or PATCH cannot change them.
    stamp_updated(doc, previous->data, now,
                  {"tenantId", "lastLoginInstant", "passwordLastUpdateInstant", "active"});
    record.active = previous->active;
    record.password = previous->password;
  }
  if (password_hash) {
    record.password = domain::PasswordCredential{password_hash->scheme, password_hash->hash,
                                                 password_hash->salt, password_hash->factor};
    doc["passwordLastUpdateInstant"] = to_epoch_ms(now);
  }
  return record;
}

Result<domain::User> UserService::prepare_new(const Uuid& tenant_id, const std::optional<Uuid>& id,
                                              json::object user, std::string_view field_prefix) {
  return prepare(tenant_id, choose_id(id), std::move(user), nullptr, field_prefix);
}

UserView UserService::view(domain::User user) const {
  auto registrations = store_.registrations.list_registrations(user.id);
  auto memberships = store_.groups.list_members(std::nullopt, user.id);
  return {std::move(user), std::move(registrations), std::move(memberships)};
}

Result<UserView> UserService::create(const Caller& caller, const std::optional<Uuid>& id,
                                     json::object user) {
  LATCHKEY_TRY(const Uuid tenant_id, resolve_tenant(caller, *config_.current()));
  LATCHKEY_TRY(auto record, prepare_new(tenant_id, id, std::move(user), "user"));
  if (auto written = store_.users.insert_user(record); !written) {
    return fail(conflict_error(written.error(), record, "user"));
  }
  return UserView{std::move(record), {}, {}};
}

Result<domain::User> UserService::find_visible(const Caller& caller, const Uuid& id) const {
  auto user = store_.users.find_user(id);
  if (!user || !caller.can_see(user->tenant_id)) return fail(not_found());
  return std::move(*user);
}

Result<UserView> UserService::retrieve(const Caller& caller, const Uuid& id) const {
  LATCHKEY_TRY(auto user, find_visible(caller, id));
  return view(std::move(user));
}

Result<UserView> UserService::retrieve_by_email(const Caller& caller,
                                                const std::string& email) const {
  LATCHKEY_TRY(const Uuid tenant_id, resolve_tenant(caller, *config_.current()));
  auto user = store_.users.find_user_by_email(tenant_id, email);
  if (!user) return fail(not_found());
  return view(std::move(*user));
}

Result<UserView> UserService::retrieve_by_username(const Caller& caller,
                                                   const std::string& username) const {
  LATCHKEY_TRY(const Uuid tenant_id, resolve_tenant(caller, *config_.current()));
  auto user = store_.users.find_user_by_username(tenant_id, username);
  if (!user) return fail(not_found());
  return view(std::move(*user));
}

Result<UserView> UserService::retrieve_by_login_id(const Caller& caller,
                                                   const std::string& login_id,
                                                   const std::vector<LoginIdType>& types) const {
  LATCHKEY_TRY(const Uuid tenant_id, resolve_tenant(caller, *config_.current()));
  const bool any = types.empty();
  const auto allows = [&](LoginIdType type) {
    return any || std::find(types.begin(), types.end(), type) != types.end();
  };
  std::optional<domain::User> user;
  if (allows(LoginIdType::kEmail)) user = store_.users.find_user_by_email(tenant_id, login_id);
  if (!user && allows(LoginIdType::kUsername)) {
    user = store_.users.find_user_by_username(tenant_id, login_id);
  }
  if (!user) return fail(not_found());
  return view(std::move(*user));
}

Result<UserView> UserService::update(const Caller& caller, const Uuid& id, json::object user) {
  LATCHKEY_TRY(const auto existing, find_visible(caller, id));
  const bool password_given = user.contains("password");
  LATCHKEY_TRY(auto record, prepare(existing.tenant_id, id, std::move(user), &existing, "user"));
  if (auto written = store_.users.update_user(record); !written) {
    return fail(conflict_error(written.error(), record, "user"));
  }
  if (password_given && password_changed_) password_changed_(id);
  return view(std::move(record));
}

Result<UserView> UserService::patch(const Caller& caller, const Uuid& id, const json::object& patch,
                                    PatchStyle style) {
  LATCHKEY_TRY(const auto existing, find_visible(caller, id));
  return update(caller, id, patched(existing.data, patch, style));
}

Result<UserView> UserService::reactivate(const Caller& caller, const Uuid& id) {
  LATCHKEY_TRY(auto existing, find_visible(caller, id));
  existing.active = true;
  existing.data["active"] = true;
  existing.data["lastUpdateInstant"] = to_epoch_ms(clock_.now());
  if (auto written = store_.users.update_user(existing); !written) {
    return fail(conflict_error(written.error(), existing, "user"));
  }
  return view(std::move(existing));
}

Status UserService::remove(const Caller& caller, const Uuid& id, bool hard_delete) {
  LATCHKEY_TRY(auto existing, find_visible(caller, id));
  if (hard_delete) {
    if (!store_.users.delete_user(id)) return fail(not_found());
    return {};
  }
  existing.active = false;
  existing.data["active"] = false;
  existing.data["lastUpdateInstant"] = to_epoch_ms(clock_.now());
  if (auto written = store_.users.update_user(existing); !written) {
    return fail(conflict_error(written.error(), existing, "user"));
  }
  if (deactivated_) deactivated_(id);
  return {};
}

}  // namespace latchkey::services
