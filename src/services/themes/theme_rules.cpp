#include "services/themes/theme_rules.hpp"

#include <algorithm>
#include <cctype>
#include <ranges>

#include "services/common/document_rules.hpp"
#include "services/themes/default_theme.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

constexpr FieldSpec kStringMap[] = {{"*", kString}};
constexpr FieldSpec kThemeDocument[] = {
    {"id", kUuid},
    {"name", kString},
    {"type", kString},
    {"data", kObject},
    {"defaultMessages", kString},
    {"localizedMessages", kObject, kStringMap},
    {"stylesheet", kString},
    {"templates", kObject, kStringMap},
    {"variables", kObject},
    {"insertInstant", kLong},
    {"lastUpdateInstant", kLong},
};
constexpr FieldSpec kThemeRequestFields[] = {
    {"sourceThemeId", kUuid},
    {"theme", kObject, kThemeDocument},
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool blank(std::string_view text) {
  return std::ranges::all_of(text,
                             [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

void check_templates(const json::object& theme, ThemeWrite write, bool builtin,
                     Validation& validation) {
  const auto* templates = json::get_object(theme, "templates");
  if (templates == nullptr || templates->empty()) {
    // FusionAuth: an update of an advanced theme must carry its templates (a copy takes the
    // source's, a create may leave them to the built-in theme).
    if (write == ThemeWrite::kUpdate && !builtin) {
      validation.add("theme.templates", "[missing]theme.templates",
                     "You must specify the [theme.templates] property.");
    }
    return;
  }
  // A template that is given must have content; one left out falls back to the built-in
  // theme's page, as FusionAuth (1.62+) does for a theme written for an older version.
  for (const auto& [name, text] : *templates) {
    const std::string field = "theme.templates." + std::string(name);
    if (!text.is_string() || blank(text.as_string())) {
      validation.add(field, "[blank]" + field, "You must specify the [" + field + "] property.");
    }
  }
}

void check_messages(const json::object& theme, bool builtin, Validation& validation) {
  const auto messages = json::get_string(theme, "defaultMessages");
  if (!builtin && (!messages || blank(*messages))) {
    validation.add("theme.defaultMessages", "[blank]theme.defaultMessages",
                   "You must specify the [theme.defaultMessages] property.");
    return;
  }
  if (messages && !builtin) {
    const auto keys = property_keys(*messages);
    std::string missing;
    for (const std::string_view key : kRequiredMessageKeys) {
      if (std::ranges::find(keys, key) != keys.end()) continue;
      if (!missing.empty()) missing += ", ";
      missing += key;
    }
    if (!missing.empty()) {
      validation.add("theme.defaultMessages", "[invalid]theme.defaultMessages",
                     "You must specify all of the required keys in the [theme.defaultMessages] "
                     "property. It is missing these keys: " +
                         missing);
    }
  }
  if (messages && contains_script(*messages)) {
    validation.add("theme.defaultMessages", "[noScript]theme.defaultMessages",
                   "The [theme.defaultMessages] property may not contain script.");
  }
  if (const auto* localized = json::get_object(theme, "localizedMessages")) {
    for (const auto& [locale, text] : *localized) {
      if (text.is_string() && contains_script(text.as_string())) {
        const std::string field = "theme.localizedMessages['" + std::string(locale) + "']";
        validation.add(field, "[noScript]theme.localizedMessages",
                       "The localized messages may not contain script.");
      }
    }
  }
}

// The search's order: a member and a direction.
struct Order {
  std::string member;
  bool descending = false;
};

std::optional<Order> parse_order(std::string_view text) {
  std::string spec = lower(text);
  Order order;
  const auto space = spec.find(' ');
  order.member = spec.substr(0, space);
  if (space != std::string::npos) {
    auto direction = spec.substr(space + 1);
    std::erase_if(direction, [](char c) { return c == ' '; });
    if (direction == "desc") {
      order.descending = true;
    } else if (direction != "asc") {
      return std::nullopt;
    }
  }
  if (order.member == "insertinstant") order.member = "insertInstant";
  if (order.member != "id" && order.member != "name" && order.member != "insertInstant") {
    return std::nullopt;
  }
  return order;
}

bool glob(std::string_view text, std::string_view pattern) {
  // Iterative '*' matching with one backtrack point: linear enough for names.
  std::size_t t = 0;
  std::size_t p = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

const Schema kThemeFields = kThemeDocument;
const Schema kThemeRequest = kThemeRequestFields;

bool contains_script(std::string_view text) {
  const std::string folded = lower(text);
  for (const std::string_view needle :
       {"<script", "javascript:alert(", "onerror", "onload", "onmouseover"}) {
    const auto at = folded.find(needle);
    if (at == std::string::npos) continue;
    if (needle.front() == '<' || needle.front() == 'j') return true;
    // An event handler only counts as an attribute: the name followed by '='.
    auto after = folded.find_first_not_of(" \t\r\n", at + needle.size());
    if (after != std::string::npos && folded[after] == '=') return true;
  }
  return false;
}

bool stylesheet_allowed(std::string_view stylesheet) {
  return lower(stylesheet).find("</style") == std::string::npos && !contains_script(stylesheet);
}

std::vector<std::string> property_keys(std::string_view properties) {
  std::vector<std::string> keys;
  bool continued = false;
  while (!properties.empty()) {
    const auto end = properties.find_first_of("\r\n");
    std::string_view line = properties.substr(0, end);
    properties = end == std::string_view::npos ? std::string_view{} : properties.substr(end + 1);
    const bool was_continued = continued;
    // A line ending in an odd number of backslashes continues on the next one.
    std::size_t slashes = 0;
    while (slashes < line.size() && line[line.size() - 1 - slashes] == '\\') ++slashes;
    continued = slashes % 2 == 1;
    if (was_continued) continue;
    const auto first = line.find_first_not_of(" \t\f");
    if (first == std::string_view::npos) continue;
    line = line.substr(first);
    if (line.front() == '#' || line.front() == '!') continue;
    std::string key;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '\\' && i + 1 < line.size()) {
        key += line[++i];
      } else if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
        break;
      } else {
        key += c;
      }
    }
    if (!key.empty()) keys.push_back(std::move(key));
  }
  return keys;
}

Status validate_theme(json::object& theme, ThemeWrite write, bool builtin) {
  LATCHKEY_CHECK(require_field_types(theme, "theme", kThemeFields));
  Validation validation;
  if (is_blank(theme, "name")) {
    validation.add("theme.name", "[blank]theme.name",
                   "You must specify the [theme.name] property.");
  }
  const auto type = json::get_string(theme, "type").value_or("advanced");
  if (type != "advanced") {
    // Simple themes (variables instead of templates) are not served by Latchkey's pages.
    validation.add("theme.type", "[invalid]theme.type",
                   "The [theme.type] property must be [advanced]; simple themes are not "
                   "supported.");
  }
  if (const auto stylesheet = json::get_string(theme, "stylesheet");
      stylesheet && !stylesheet_allowed(*stylesheet)) {
    validation.add("theme.stylesheet", "[invalid]theme.stylesheet",
                   "The [theme.stylesheet] property may not contain a </style> tag or script.");
  }
  check_messages(theme, builtin, validation);
  check_templates(theme, write, builtin, validation);
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

bool theme_name_matches(std::string_view name, std::string_view pattern) {
  const std::string folded_name = lower(name);
  std::string folded_pattern = lower(pattern);
  if (folded_pattern.find('*') == std::string::npos) {
    return folded_name.find(folded_pattern) != std::string::npos;
  }
  return glob(folded_name, folded_pattern);
}

Result<ThemeSearchPage> search_themes(std::vector<domain::Theme> themes,
                                      const ThemeSearchCriteria& criteria) {
  const auto order = parse_order(criteria.order_by);
  if (!order) {
    return fail(Error::field(HttpStatus::kBadRequest, "search.orderBy", "[invalid]search.orderBy",
                             "The [search.orderBy] property must name id, insertInstant or name, "
                             "optionally followed by ASC or DESC."));
  }
  if (criteria.name && !criteria.name->empty()) {
    std::erase_if(themes, [&](const domain::Theme& theme) {
      return !theme_name_matches(theme.name, *criteria.name);
    });
  }
  const auto key = [&](const domain::Theme& theme) -> std::pair<std::int64_t, std::string> {
    if (order->member == "id") return {0, theme.id.str()};
    if (order->member == "insertInstant") {
      return {json::get_int(theme.data, "insertInstant").value_or(0), lower(theme.name)};
    }
    return {0, lower(theme.name)};
  };
  std::ranges::stable_sort(themes, [&](const domain::Theme& a, const domain::Theme& b) {
    return order->descending ? key(b) < key(a) : key(a) < key(b);
  });
  ThemeSearchPage page;
  page.total = themes.size();
  const std::size_t start = std::min(criteria.start_row, themes.size());
  const std::size_t count = std::min(criteria.number_of_results, themes.size() - start);
  const auto first = themes.begin() + static_cast<std::ptrdiff_t>(start);
  page.themes.assign(std::make_move_iterator(first),
                     std::make_move_iterator(first + static_cast<std::ptrdiff_t>(count)));
  return page;
}

}  // namespace latchkey::services
