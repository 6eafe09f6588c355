#include "services/themes/theme_service.hpp"

#include <algorithm>

#include "services/themes/default_theme.hpp"

namespace latchkey::services {
namespace {

const Uuid& builtin_id() {
  static const Uuid id = *Uuid::parse(kFusionAuthThemeId);
  return id;
}

Error not_found() { return Error::status(HttpStatus::kNotFound); }

// FusionAuth documents every Theme API call for a global API key: themes belong to no tenant,
// so a tenant-locked key may neither read nor change them.
Status require_global_caller(const Caller& caller) {
  if (caller.api_key && caller.api_key->tenant_id) {
    return fail(Error::status(HttpStatus::kUnauthorized, "themes need a key for all tenants"));
  }
  return {};
}

std::optional<Uuid> theme_id_of(const json::object& doc) {
  return json::get_string(doc, "themeId").and_then(Uuid::parse);
}

}  // namespace

ThemeService::ThemeService(store::ThemeStore& store, const ConfigCache& config, const Clock& clock)
    : store_(store), config_(config), clock_(clock) {
  if (!store_.find_theme(builtin_id())) {
    json::object doc = fusionauth_theme_document();
    stamp_created(doc, clock_.now());
    // A concurrent first start may have stored it first; either copy is the same theme.
    (void)store_.insert_theme({builtin_id(), std::string(kFusionAuthThemeName), std::move(doc)});
  }
  reload();
}

void ThemeService::reload() {
  const std::lock_guard lock(reload_mutex_);
  snapshot_.store(std::make_shared<const ThemeList>(store_.list_themes()),
                  std::memory_order_release);
}

const domain::Theme* ThemeService::find(const ThemeList& list, const Uuid& id) const {
  const auto found = std::ranges::find(list, id, &domain::Theme::id);
  return found == list.end() ? nullptr : &*found;
}

Result<domain::Theme> ThemeService::save(domain::Theme theme, bool created) {
  theme.data["id"] = theme.id.str();
  theme.name = json::get_string(theme.data, "name").value_or("");
  auto written = created ? store_.insert_theme(theme) : store_.update_theme(theme);
  if (!written) {
    switch (written.error()) {
      case store::Conflict::kDuplicateName:
        return fail(Error::field(HttpStatus::kBadRequest, "theme.name", "[duplicate]theme.name",
                                 "A Theme with name [" + theme.name + "] already exists."));
      case store::Conflict::kMissingParent:
        return fail(not_found());
      default:
        return fail(Error::field(HttpStatus::kBadRequest, "themeId", "[duplicate]themeId",
                                 "A Theme with Id [" + theme.id.str() + "] already exists."));
    }
  }
  reload();
  return theme;
}

Result<domain::Theme> ThemeService::create(const Caller& caller, const std::optional<Uuid>& id,
                                           const std::optional<Uuid>& source_theme_id,
                                           json::object theme) {
  LATCHKEY_CHECK(require_global_caller(caller));
  ThemeWrite write = ThemeWrite::kCreate;
  if (source_theme_id) {
    const auto snapshot = current();
    const auto* source = find(*snapshot, *source_theme_id);
    if (source == nullptr) {
      return fail(Error::field(
          HttpStatus::kBadRequest, "sourceThemeId", "[invalid]sourceThemeId",
          "The Theme with Id [" + source_theme_id->str() + "] to copy does not exist."));
    }
    // FusionAuth copies the source's messages, stylesheet and templates; the request names it.
    for (const char* member : {"defaultMessages", "localizedMessages", "stylesheet", "templates"}) {
      if (const auto* value = source->data.if_contains(member)) theme[member] = *value;
    }
    write = ThemeWrite::kCopy;
  }
  LATCHKEY_CHECK(validate_theme(theme, write, /*builtin=*/false));
  json::set_default(theme, "type", "advanced");
  json::set_default(theme, "data", json::object{});
  json::set_default(theme, "localizedMessages", json::object{});
  stamp_created(theme, clock_.now());
  return save({choose_id(id), {}, std::move(theme)}, true);
}

Result<domain::Theme> ThemeService::retrieve(const Caller& caller, const Uuid& id) const {
  LATCHKEY_CHECK(require_global_caller(caller));
  const auto snapshot = current();
  const auto* theme = find(*snapshot, id);
  if (theme == nullptr) return fail(not_found());
  return *theme;
}

Result<ThemeList> ThemeService::list(const Caller& caller) const {
  LATCHKEY_CHECK(require_global_caller(caller));
  return *current();
}

Result<ThemeSearchPage> ThemeService::search(const Caller& caller,
                                             const ThemeSearchCriteria& criteria) const {
  LATCHKEY_CHECK(require_global_caller(caller));
  return search_themes(*current(), criteria);
}

Result<domain::Theme> ThemeService::update(const Caller& caller, const Uuid& id,
                                           json::object theme) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  const bool builtin = id == builtin_id();
  LATCHKEY_CHECK(validate_theme(theme, ThemeWrite::kUpdate, builtin));
  // FusionAuth lets its own theme's name, messages and stylesheet change, never its pages.
  if (builtin) theme["templates"] = fusionauth_theme_templates();
  json::set_default(theme, "type", "advanced");
  json::set_default(theme, "data", json::object{});
  json::set_default(theme, "localizedMessages", json::object{});
  stamp_updated(theme, existing.data, clock_.now(), {});
  return save({id, {}, std::move(theme)}, false);
}

Result<domain::Theme> ThemeService::patch(const Caller& caller, const Uuid& id,
                                          const json::object& patch, PatchStyle style) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  return update(caller, id, patched(existing.data, patch, style));
}

Status ThemeService::remove(const Caller& caller, const Uuid& id) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  if (id == builtin_id()) {
    return fail(Error::field(HttpStatus::kBadRequest, "themeId", "[fusionAuth]themeId",
                             "The FusionAuth theme cannot be deleted."));
  }
  // A tenant or application that names the theme would be left pointing at nothing.
  const auto snapshot = config_.current();
  for (const auto& [key, tenant] : snapshot->tenants()) {
    if (theme_id_of(tenant.data) == id) {
      return fail(Error::field(
          HttpStatus::kBadRequest, "themeId", "[inUse]themeId",
          "The Theme with Id [" + id.str() + "] is in use by the Tenant [" + tenant.name + "]."));
    }
  }
  for (const auto& [key, application] : snapshot->applications()) {
    if (theme_id_of(application.data) == id) {
      return fail(Error::field(HttpStatus::kBadRequest, "themeId", "[inUse]themeId",
                               "The Theme with Id [" + id.str() +
                                   "] is in use by the Application [" + application.name + "]."));
    }
  }
  if (!store_.delete_theme(id)) return fail(not_found());
  reload();
  return {};
}

bool ThemeService::exists(const Uuid& id) const { return find(*current(), id) != nullptr; }

PageLook ThemeService::look(const std::optional<Uuid>& tenant_id,
                            const std::optional<Uuid>& application_id) const {
  const auto config = config_.current();
  const auto themes = current();
  PageLook look{builtin_id(), {}, {}};
  const domain::Theme* theme = nullptr;
  if (application_id) {
    if (const auto* application = config->find_application(*application_id)) {
      look.application_name = application->name;
      if (const auto wanted = theme_id_of(application->data)) theme = find(*themes, *wanted);
    }
  }
  if (theme == nullptr && tenant_id) {
    if (const auto* tenant = config->find_tenant(*tenant_id)) {
      if (const auto wanted = theme_id_of(tenant->data)) theme = find(*themes, *wanted);
    }
  }
  if (theme == nullptr) theme = find(*themes, builtin_id());
  if (theme != nullptr) {
    look.theme_id = theme->id;
    look.stylesheet = json::get_string(theme->data, "stylesheet").value_or("");
  }
  return look;
}

Status check_theme_reference(const json::object& doc, std::string_view prefix,
                             const ThemeService& themes) {
  const auto* value = doc.if_contains("themeId");
  if (value == nullptr || value->is_null()) return {};
  const auto id = value->is_string() ? Uuid::parse(value->as_string()) : std::nullopt;
  if (id && themes.exists(*id)) return {};
  const std::string field = std::string(prefix) + ".themeId";
  return fail(Error::field(HttpStatus::kBadRequest, field, "[invalid]" + field,
                           "The [" + field + "] property must be the Id of an existing Theme."));
}

}  // namespace latchkey::services
