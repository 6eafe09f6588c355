#pragma once
// The Theme API (FusionAuth's /api/theme): create (or copy from `sourceThemeId`), retrieve,
// search, update, patch and delete, with FusionAuth's built-in theme always present; and the
// in-memory list of themes that the hosted pages and the tenant and application rules read
// without touching the database.
//
//   LATCHKEY_TRY(const auto theme, themes.create(caller, path_id, source_id, body_theme));
//   const auto look = themes.look(tenant_id, application_id);   // what a hosted page wears

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "services/themes/theme_rules.hpp"
#include "store/theme_store.hpp"

namespace latchkey::services {

using ThemeList = std::vector<domain::Theme>;

// What a hosted page shows of its configuration: whose page it is and the stylesheet of the
// theme in effect (the application's theme, else the tenant's, else FusionAuth's).
struct PageLook {
  std::optional<Uuid> theme_id;  // absent only for a look made without the service
  std::string application_name;
  std::string stylesheet;
};

class ThemeService {
 public:
  // Stores FusionAuth's built-in theme when the database has none yet.
  ThemeService(store::ThemeStore& store, const ConfigCache& config, const Clock& clock);

  Result<domain::Theme> create(const Caller& caller, const std::optional<Uuid>& id,
                               const std::optional<Uuid>& source_theme_id, json::object theme);
  Result<domain::Theme> retrieve(const Caller& caller, const Uuid& id) const;
  Result<ThemeList> list(const Caller& caller) const;
  Result<ThemeSearchPage> search(const Caller& caller, const ThemeSearchCriteria& criteria) const;
  Result<domain::Theme> update(const Caller& caller, const Uuid& id, json::object theme);
  Result<domain::Theme> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                              PatchStyle style);
  Status remove(const Caller& caller, const Uuid& id);

  // Whether a theme with this id exists (tenant and application themeId references).
  [[nodiscard]] bool exists(const Uuid& id) const;
  // The look of a hosted page for `application_id` in `tenant_id` (FusionAuth's theme when
  // neither is known or names a theme).
  [[nodiscard]] PageLook look(const std::optional<Uuid>& tenant_id,
                              const std::optional<Uuid>& application_id) const;

  // Every theme, as of the last write: a snapshot readers never lock.
  [[nodiscard]] std::shared_ptr<const ThemeList> current() const {
    return snapshot_.load(std::memory_order_acquire);
  }

 private:
  Result<domain::Theme> save(domain::Theme theme, bool created);
  [[nodiscard]] const domain::Theme* find(const ThemeList& list, const Uuid& id) const;
  void reload();

  store::ThemeStore& store_;
  const ConfigCache& config_;
  const Clock& clock_;
  std::mutex reload_mutex_;  // orders writers' reloads; readers never take it
  std::atomic<std::shared_ptr<const ThemeList>> snapshot_;
};

// tenant.themeId and application.themeId (`prefix` is "tenant" or "application"): absent or
// null, or the id of an existing theme; 400 [invalid]<prefix>.themeId otherwise.
Status check_theme_reference(const json::object& doc, std::string_view prefix,
                             const ThemeService& themes);

}  // namespace latchkey::services
