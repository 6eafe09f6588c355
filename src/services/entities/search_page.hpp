#pragma once
// The paging and ordering every Entity Management search shares (FusionAuth's database search
// engine): numberOfResults (default 25), startRow (default 0), an order such as
// "insertInstant DESC", and the name match: "*" or nothing matches all, otherwise a
// case-insensitive match anywhere in the name.
//
//   LATCHKEY_TRY(const auto page, read_search_page(search, "name", {"name", "insertInstant"}));
//   const auto [shown, total] = paginate(std::move(docs), page);

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"

namespace latchkey::services {

struct SearchPage {
  std::size_t start_row = 0;
  std::size_t number_of_results = 25;
  std::string order_field = "name";
  bool descending = false;
};

// From `search` (the request's search object): a negative number, or an order on a field not
// in `order_fields`, is 400 [invalid]search.<field>.
Result<SearchPage> read_search_page(const json::object& search, std::string_view default_order,
                                    std::initializer_list<std::string_view> order_fields);

bool name_matches(std::string_view pattern, std::string_view name);

// The documents ordered by the page's field (names ignoring case, instants as numbers; ties by
// id), the page's slice of them, and how many there were in all.
std::pair<std::vector<json::object>, std::size_t> paginate(std::vector<json::object> docs,
                                                           const SearchPage& page);

}  // namespace latchkey::services
