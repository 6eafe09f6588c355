#include "services/common/document_rules.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/random.hpp"

namespace latchkey::services {

Uuid choose_id(const std::optional<Uuid>& path_id) {
  return path_id ? *path_id : crypto::random_uuid();
}

void stamp_created(json::object& doc, Instant now) {
  doc["insertInstant"] = to_epoch_ms(now);
  doc["lastUpdateInstant"] = to_epoch_ms(now);
}

void stamp_updated(json::object& doc, const json::object& previous, Instant now,
                   std::initializer_list<std::string_view> server_owned) {
  for (const std::string_view key : server_owned) {
    if (const auto* kept = previous.if_contains(key)) {
      doc[key] = *kept;
    } else {
      doc.erase(key);
    }
  }
  if (const auto* inserted = previous.if_contains("insertInstant"))
    doc["insertInstant"] = *inserted;
  doc["lastUpdateInstant"] = to_epoch_ms(now);
}

bool is_blank(const json::object& doc, std::string_view key) {
  const auto* v = doc.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_string()) return false;
  const auto& text = v->as_string();
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

json::object patched(const json::object& stored, const json::object& patch, PatchStyle style) {
  json::object next = stored;
  json::merge_patch(
      next, patch,
      style == PatchStyle::kMergePatch ? json::ArrayMerge::kReplace : json::ArrayMerge::kAppend);
  return next;
}

}  // namespace latchkey::services
