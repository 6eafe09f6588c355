#pragma once
// FusionAuth's search over configuration documents (e.g. apis/emails "Search for Email
// Templates"): case-insensitive wildcard text criteria (`*` any run; no `*` means *value*),
// exact criteria, `orderBy` "<field> [ASC|DESC]" (default "name ASC"), `startRow` (default 0)
// and `numberOfResults` (default 25). Pure: the caller hands in every document of the kind.
//
//   LATCHKEY_TRY(const auto page, search_documents(docs, criteria, rules.search()));
//   // page.documents, page.total

#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "services/configuration/config_kind.hpp"

namespace latchkey::services {

struct SearchPage {
  std::vector<store::ConfigDocument> documents;
  std::size_t total = 0;  // matches before paging
};

// Whether `text` matches FusionAuth's wildcard `pattern`, ignoring case.
bool wildcard_match(std::string_view pattern, std::string_view text);

// `criteria` holds the members of the request's `search` object (or the query parameters);
// 400 [invalid]search.orderBy / search.startRow / search.numberOfResults for values it cannot use.
Result<SearchPage> search_documents(std::vector<store::ConfigDocument> documents,
                                    const json::object& criteria, const SearchSpec& spec);

}  // namespace latchkey::services
