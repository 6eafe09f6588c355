#include "api/theme_handlers.hpp"

#include <charconv>

#include "api/request_input.hpp"
#include "services/themes/theme_rules.hpp"

namespace latchkey::api {
namespace {

http::Response theme_response(const domain::Theme& theme) {
  return http::Response::json(HttpStatus::kOk, json::object{{"theme", theme.data}});
}

json::array theme_array(const std::vector<domain::Theme>& themes) {
  json::array out;
  for (const auto& theme : themes) out.push_back(theme.data);
  return out;
}

// ThemeSearchCriteria.numberOfResults / startRow: non-negative integers.
Result<std::size_t> count_field(std::optional<std::int64_t> value, std::size_t fallback,
                                const std::string& field) {
  if (!value) return fallback;
  if (*value < 0) {
    return fail(Error::field(HttpStatus::kBadRequest, field, "[invalid]" + field,
                             "The [" + field + "] property must not be negative."));
  }
  return static_cast<std::size_t>(*value);
}

constexpr services::FieldSpec kSearchCriteria[] = {
    {"name", services::FieldKind::kString},
    {"numberOfResults", services::FieldKind::kInt},
    {"startRow", services::FieldKind::kInt},
    {"orderBy", services::FieldKind::kString},
};
constexpr services::FieldSpec kSearchRequest[] = {
    {"search", services::FieldKind::kObject, kSearchCriteria}};

Result<services::ThemeSearchCriteria> criteria_from(const json::object& search,
                                                    std::string_view prefix) {
  services::ThemeSearchCriteria criteria;
  criteria.name = json::get_string(search, "name");
  LATCHKEY_TRY(criteria.number_of_results,
               count_field(json::get_int(search, "numberOfResults"), criteria.number_of_results,
                           std::string(prefix) + "numberOfResults"));
  LATCHKEY_TRY(criteria.start_row,
               count_field(json::get_int(search, "startRow"), criteria.start_row,
                           std::string(prefix) + "startRow"));
  if (const auto order = json::get_string(search, "orderBy"); order && !order->empty()) {
    criteria.order_by = *order;
  }
  return criteria;
}

}  // namespace

Result<http::Response> create_theme(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, "themeId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kThemeRequest));
  const auto source = body.uuid("sourceThemeId");
  LATCHKEY_TRY(auto theme, envelope(body.json(), "theme"));
  LATCHKEY_TRY(const auto created, services.themes.create(caller, id, source, std::move(theme)));
  return theme_response(created);
}

Result<http::Response> retrieve_themes(http::Request&, ApiServices& services,
                                       const services::Caller& caller) {
  LATCHKEY_TRY(const auto all, services.themes.list(caller));
  return http::Response::json(HttpStatus::kOk, json::object{{"themes", theme_array(all)}});
}

Result<http::Response> retrieve_theme(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "themeId"));
  LATCHKEY_TRY(const auto theme, services.themes.retrieve(caller, id));
  return theme_response(theme);
}

Result<http::Response> update_theme(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "themeId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kThemeRequest));
  LATCHKEY_TRY(auto theme, envelope(body.json(), "theme"));
  LATCHKEY_TRY(const auto updated, services.themes.update(caller, id, std::move(theme)));
  return theme_response(updated);
}

Result<http::Response> patch_theme(http::Request& request, ApiServices& services,
                                   const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "themeId"));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kThemeRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "theme"));
  LATCHKEY_TRY(const auto updated, services.themes.patch(caller, id, patch, style));
  return theme_response(updated);
}

Result<http::Response> delete_theme(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "themeId"));
  LATCHKEY_CHECK(services.themes.remove(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> search_themes(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  services::ThemeSearchCriteria criteria;
  if (request.method == "POST") {
    LATCHKEY_TRY(const auto body, typed_body(request, kSearchRequest));
    const auto* search = json::get_object(body.json(), "search");
    LATCHKEY_TRY(criteria, criteria_from(search ? *search : json::object{}, "search."));
  } else {
    // GET: the same criteria as query parameters.
    json::object search;
    for (const char* name : {"name", "orderBy"}) {
      if (auto value = request.query_param(name)) search[name] = *value;
    }
    for (const char* name : {"numberOfResults", "startRow"}) {
      const auto text = request.query_param(name);
      if (!text) continue;
      std::int64_t number = 0;
      const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
      if (error != std::errc{} || end != text->data() + text->size()) {
        return fail(Error::field(HttpStatus::kBadRequest, name, "[invalid]" + std::string(name),
                                 "The [" + std::string(name) + "] parameter must be a number."));
      }
      search[name] = number;
    }
    LATCHKEY_TRY(criteria, criteria_from(search, ""));
  }
  LATCHKEY_TRY(const auto page, services.themes.search(caller, criteria));
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"themes", theme_array(page.themes)},
                                           {"total", static_cast<std::int64_t>(page.total)}});
}

}  // namespace latchkey::api
