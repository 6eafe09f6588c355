#pragma once
// Themes, one document per row (store/migrations/0012_themes.sql). Names are unique ignoring
// case (kDuplicateName), ids unique (kDuplicateId); each call is atomic on its own and
// concurrent writers of one theme leave the last write. FusionAuth's built-in theme is not
// stored here (services/themes/default_theme.hpp).
//
//   for (const auto& theme : themes.list_themes()) { ... }   // by name, ignoring case

#include <optional>
#include <vector>

#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class ThemeStore {
 public:
  virtual ~ThemeStore() = default;
  virtual std::vector<domain::Theme> list_themes() = 0;
  virtual std::optional<domain::Theme> find_theme(const Uuid& id) = 0;
  virtual WriteResult insert_theme(const domain::Theme& theme) = 0;
  // kMissingParent when no theme has the id (an update never creates one).
  virtual WriteResult update_theme(const domain::Theme& theme) = 0;
  virtual bool delete_theme(const Uuid& id) = 0;
};

}  // namespace latchkey::store
