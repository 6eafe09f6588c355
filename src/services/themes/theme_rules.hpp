#pragma once
// The Theme API's rules as pure functions over the documents (FusionAuth's theme validation):
// what a created, copied or updated theme must hold, what a stylesheet may not contain, and how
// themes are searched.
//
//   LATCHKEY_CHECK(validate_theme(theme, ThemeWrite::kCreate, /*builtin=*/false));
//   LATCHKEY_TRY(const auto page, search_themes(all, criteria));

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "domain/records.hpp"
#include "services/common/field_reader.hpp"

namespace latchkey::services {

// The declared types of a Theme and of a ThemeRequest ({"sourceThemeId", "theme"}).
extern const Schema kThemeFields;
extern const Schema kThemeRequest;

enum class ThemeWrite {
  kCreate,  // POST with the whole theme
  kCopy,    // POST with sourceThemeId: the source's messages, stylesheet and templates
  kUpdate,  // PUT, or PATCH after merging
};

// Checks (and coerces, in place) a theme document for `write`. `builtin` is FusionAuth's own
// theme, which needs no templates or message keys. 400 lists every problem.
Status validate_theme(json::object& theme, ThemeWrite write, bool builtin);

// Security: whether a stylesheet may be stored. FusionAuth refuses one that would end the
// <style> element it is served in or that carries script; the pages escape it again anyway.
bool stylesheet_allowed(std::string_view stylesheet);
// Whether text looks like HTML that runs script (a <script> element or an event handler).
bool contains_script(std::string_view text);
// The keys a Java properties text defines, in order (comments and continuations skipped).
std::vector<std::string> property_keys(std::string_view properties);

// POST/GET /api/theme/search: `name` matches case-insensitively, `*` is a wildcard and a name
// without one matches anywhere in the theme's name.
struct ThemeSearchCriteria {
  std::optional<std::string> name = std::nullopt;
  std::size_t number_of_results = 25;
  std::size_t start_row = 0;
  std::string order_by = "name ASC";  // id | insertInstant | name, then ASC or DESC
};
struct ThemeSearchPage {
  std::vector<domain::Theme> themes;
  std::size_t total = 0;
};
Result<ThemeSearchPage> search_themes(std::vector<domain::Theme> themes,
                                      const ThemeSearchCriteria& criteria);
// Whether `name` matches the search text (see ThemeSearchCriteria).
bool theme_name_matches(std::string_view name, std::string_view pattern);

}  // namespace latchkey::services
