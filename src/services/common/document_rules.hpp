#pragma once
// Rules every FusionAuth object shares: where its id comes from, its timestamps, and how
// PUT and PATCH turn a request into the next version of the stored document.

#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::services {

// The id of a created object: the one in the path, else a fresh random one.
Uuid choose_id(const std::optional<Uuid>& path_id);

// Stamps insertInstant/lastUpdateInstant on a created document.
void stamp_created(json::object& doc, Instant now);
// Carries server-owned members over from the stored version and stamps lastUpdateInstant.
void stamp_updated(json::object& doc, const json::object& previous, Instant now,
                   std::initializer_list<std::string_view> server_owned);

// Whether a JSON member is absent, null or an empty/blank string.
bool is_blank(const json::object& doc, std::string_view key);

enum class PatchStyle { kLegacyMerge, kMergePatch };
// Applies a PATCH body to the stored document, returning the new full document.
json::object patched(const json::object& stored, const json::object& patch, PatchStyle style);

}  // namespace latchkey::services
