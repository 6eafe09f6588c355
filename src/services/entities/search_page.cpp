#include "services/entities/search_page.hpp"

#include <algorithm>
#include <cctype>

namespace latchkey::services {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Negative for a before b, by `field`: text ignoring case, numbers numerically.
int compare_by(const json::object& a, const json::object& b, const std::string& field) {
  const auto* x = a.if_contains(field);
  const auto* y = b.if_contains(field);
  if (x != nullptr && y != nullptr && x->is_string() && y->is_string()) {
    const auto p = lower(x->as_string());
    const auto q = lower(y->as_string());
    return p < q ? -1 : (q < p ? 1 : 0);
  }
  const auto number = [](const json::value* v) -> std::int64_t {
    return v != nullptr && v->is_int64() ? v->as_int64() : 0;
  };
  const auto p = number(x);
  const auto q = number(y);
  return p < q ? -1 : (q < p ? 1 : 0);
}

}  // namespace

Result<SearchPage> read_search_page(const json::object& search, std::string_view default_order,
                                    std::initializer_list<std::string_view> order_fields) {
  SearchPage page;
  page.order_field = std::string(default_order);
  Validation validation;
  if (const auto count = json::get_int(search, "numberOfResults")) {
    if (*count < 0) {
      validation.add("search.numberOfResults", "[invalid]search.numberOfResults",
                     "The [search.numberOfResults] must not be negative.");
    } else {
      page.number_of_results = static_cast<std::size_t>(*count);
    }
  }
  if (const auto start = json::get_int(search, "startRow")) {
    if (*start < 0) {
      validation.add("search.startRow", "[invalid]search.startRow",
                     "The [search.startRow] must not be negative.");
    } else {
      page.start_row = static_cast<std::size_t>(*start);
    }
  }
  if (const auto order = json::get_string(search, "orderBy"); order && !order->empty()) {
    const auto space = order->find(' ');
    const std::string field = order->substr(0, space);
    const std::string direction = space == std::string::npos                  ? "ASC"
                                  : lower(order->substr(space + 1)) == "desc" ? "DESC"
                                                                              : "ASC";
    const bool known =
        std::find(order_fields.begin(), order_fields.end(), field) != order_fields.end();
    if (!known) {
      validation.add("search.orderBy", "[invalid]search.orderBy",
                     "The [search.orderBy] cannot order by [" + field + "].");
    }
    page.order_field = field;
    page.descending = direction == "DESC";
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  return page;
}

bool name_matches(std::string_view pattern, std::string_view name) {
  std::string wanted;
  for (const char c : pattern) {
    if (c != '*') wanted.push_back(c);
  }
  if (wanted.empty()) return true;
  return lower(name).find(lower(wanted)) != std::string::npos;
}

std::pair<std::vector<json::object>, std::size_t> paginate(std::vector<json::object> docs,
                                                           const SearchPage& page) {
  std::stable_sort(docs.begin(), docs.end(), [&](const json::object& a, const json::object& b) {
    int order = compare_by(a, b, page.order_field);
    if (order == 0) return compare_by(a, b, "id") < 0;
    return page.descending ? order > 0 : order < 0;
  });
  const std::size_t total = docs.size();
  std::vector<json::object> shown;
  for (std::size_t i = page.start_row; i < total && shown.size() < page.number_of_results; ++i) {
    shown.push_back(std::move(docs[i]));
  }
  return {std::move(shown), total};
}

}  // namespace latchkey::services
