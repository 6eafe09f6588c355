#pragma once
// Small helpers over Boost.JSON for FusionAuth's documents: reading a value by dotted path,
// typed reads with defaults, and the two PATCH flavours FusionAuth accepts.
//
//   const auto ttl = json::get_int(tenant, "jwtConfiguration.timeToLiveInSeconds").value_or(3600);
//   json::merge_patch(stored, patch, json::ArrayMerge::kReplace);

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace latchkey::json {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// The value at a dotted path ("jwtConfiguration.enabled"), or null when any step is missing.
const value* find(const object& root, std::string_view dotted_path);
// The object at a dotted path, created (and any non-object in the way replaced) if absent.
object& ensure_object(object& root, std::string_view dotted_path);

std::optional<std::string> get_string(const object& root, std::string_view dotted_path);
std::optional<std::int64_t> get_int(const object& root, std::string_view dotted_path);
std::optional<bool> get_bool(const object& root, std::string_view dotted_path);
const object* get_object(const object& root, std::string_view dotted_path);
const array* get_array(const object& root, std::string_view dotted_path);

// Sets `key` in `target` to `fallback` only when the key is absent.
void set_default(object& target, std::string_view key, value fallback);
// Recursively fills in every member of `defaults` that `target` lacks.
void apply_defaults(object& target, const object& defaults);

enum class ArrayMerge {
  kReplace,  // RFC 7396 (application/merge-patch+json)
  kAppend,   // FusionAuth's legacy PATCH with application/json: arrays are appended
};
// Merges `patch` into `target`: objects merge recursively, null removes a member.
void merge_patch(object& target, const object& patch, ArrayMerge arrays);

// Parses text that must be a JSON object; nothing for malformed JSON or another kind of value.
std::optional<object> parse_object(std::string_view text);

std::string serialize(const value& v);

}  // namespace latchkey::json
