#include "services/configuration/document_search.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace latchkey::services {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Glob matching with `*` only, iterative with one backtrack point: linear enough for names.
bool glob(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && lower(pattern[p]) == lower(text[t])) {
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

Error invalid(std::string_view member, std::string message) {
  const std::string field = "search." + std::string(member);
  return Error::field(HttpStatus::kBadRequest, field, "[invalid]" + field, std::move(message));
}

// A criterion as text: strings as they are, numbers as their text (query parameters arrive as
// text, JSON bodies may carry numbers).
std::optional<std::string> text_of(const json::object& criteria, std::string_view member) {
  const auto* value = criteria.if_contains(member);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (value->is_string()) return std::string(value->as_string());
  return json::serialize(*value);
}

Result<std::int64_t> integer_of(const json::object& criteria, std::string_view member,
                                std::int64_t fallback) {
  const auto text = text_of(criteria, member);
  if (!text || text->empty()) return fallback;
  std::int64_t n = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, n);
  if (ec != std::errc{} || ptr != end || n < 0) {
    return fail(invalid(member, "The [search." + std::string(member) +
                                    "] property must be a non-negative integer."));
  }
  return n;
}

// The value a document is ordered by: name, id, insertInstant, or a member of its data.
json::value order_key(const store::ConfigDocument& doc, std::string_view field) {
  if (field == "name") return json::value(doc.name);
  if (field == "id") return json::value(doc.id.str());
  if (field == "insertInstant") return json::value(to_epoch_ms(doc.insert_instant));
  const auto* v = doc.data.if_contains(field);
  return v == nullptr ? json::value(nullptr) : *v;
}

bool less_value(const json::value& a, const json::value& b) {
  if (a.is_int64() && b.is_int64()) return a.as_int64() < b.as_int64();
  const std::string x = a.is_string() ? std::string(a.as_string()) : json::serialize(a);
  const std::string y = b.is_string() ? std::string(b.as_string()) : json::serialize(b);
  return std::ranges::lexicographical_compare(x, y,
                                              [](char l, char r) { return lower(l) < lower(r); });
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text) {
  if (pattern.find('*') == std::string_view::npos) {
    return glob("*" + std::string(pattern) + "*", text);
  }
  return glob(pattern, text);
}

Result<SearchPage> search_documents(std::vector<store::ConfigDocument> documents,
                                    const json::object& criteria, const SearchSpec& spec) {
  LATCHKEY_TRY(const auto start_row, integer_of(criteria, "startRow", 0));
  LATCHKEY_TRY(const auto count, integer_of(criteria, "numberOfResults", 25));

  // orderBy: "<field>[ ASC|DESC]".
  std::string order = text_of(criteria, "orderBy").value_or("");
  if (order.empty()) order = "name ASC";
  std::string field = order.substr(0, order.find(' '));
  std::string direction =
      order.find(' ') == std::string::npos ? "ASC" : order.substr(order.find(' ') + 1);
  std::ranges::transform(direction, direction.begin(),
                         [](char c) { return static_cast<char>(std::toupper(c)); });
  const bool known_field = field == "id" || field == "name" || field == "insertInstant" ||
                           std::ranges::find(spec.order_fields, field) != spec.order_fields.end();
  if (!known_field || (direction != "ASC" && direction != "DESC")) {
    return fail(invalid("orderBy", "The [search.orderBy] value [" + order + "] is not supported."));
  }

  std::erase_if(documents, [&](const store::ConfigDocument& doc) {
    if (const auto name = text_of(criteria, "name"); name && !name->empty()) {
      if (!wildcard_match(*name, doc.name)) return true;
    }
    for (const auto member : spec.text_fields) {
      const auto wanted = text_of(criteria, member);
      if (!wanted || wanted->empty()) continue;
      if (!wildcard_match(*wanted, json::get_string(doc.data, member).value_or(""))) return true;
    }
    for (const auto member : spec.exact_fields) {
      const auto wanted = text_of(criteria, member);
      if (!wanted || wanted->empty()) continue;
      if (json::get_string(doc.data, member) != *wanted) return true;
    }
    return false;
  });

  std::ranges::stable_sort(documents, [&](const auto& a, const auto& b) {
    const auto ka = order_key(a, field);
    const auto kb = order_key(b, field);
    return direction == "ASC" ? less_value(ka, kb) : less_value(kb, ka);
  });

  SearchPage page;
  page.total = documents.size();
  const auto first = std::min<std::size_t>(static_cast<std::size_t>(start_row), documents.size());
  const auto last =
      std::min<std::size_t>(first + static_cast<std::size_t>(count), documents.size());
  for (std::size_t i = first; i < last; ++i) page.documents.push_back(std::move(documents[i]));
  return page;
}

}  // namespace latchkey::services
