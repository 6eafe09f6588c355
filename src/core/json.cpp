#include "core/json.hpp"

namespace latchkey::json {
namespace {

// Splits "a.b.c" lazily, calling `step(segment, is_last)` for each segment.
template <class Step>
bool walk(std::string_view path, Step&& step) {
  while (true) {
    const auto dot = path.find('.');
    const bool last = dot == std::string_view::npos;
    if (!step(path.substr(0, dot), last)) return false;
    if (last) return true;
    path.remove_prefix(dot + 1);
  }
}

}  // namespace

const value* find(const object& root, std::string_view dotted_path) {
  const object* current = &root;
  const value* found = nullptr;
  walk(dotted_path, [&](std::string_view key, bool last) {
    found = current->if_contains(key);
    if (found == nullptr) return false;
    if (last) return true;
    current = found->if_object();
    if (current == nullptr) {
      found = nullptr;
      return false;
    }
    return true;
  });
  return found;
}

object& ensure_object(object& root, std::string_view dotted_path) {
  object* current = &root;
  walk(dotted_path, [&](std::string_view key, bool) {
    value& slot = (*current)[key];
    if (!slot.is_object()) slot = object();
    current = &slot.as_object();
    return true;
  });
  return *current;
}

std::optional<std::string> get_string(const object& root, std::string_view dotted_path) {
  const value* v = find(root, dotted_path);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

std::optional<std::int64_t> get_int(const object& root, std::string_view dotted_path) {
  const value* v = find(root, dotted_path);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  return std::nullopt;
}

std::optional<bool> get_bool(const object& root, std::string_view dotted_path) {
  const value* v = find(root, dotted_path);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->as_bool();
}

const object* get_object(const object& root, std::string_view dotted_path) {
  const value* v = find(root, dotted_path);
  return v == nullptr ? nullptr : v->if_object();
}

const array* get_array(const object& root, std::string_view dotted_path) {
  const value* v = find(root, dotted_path);
  return v == nullptr ? nullptr : v->if_array();
}

void set_default(object& target, std::string_view key, value fallback) {
  if (!target.contains(key)) target[key] = std::move(fallback);
}

void apply_defaults(object& target, const object& defaults) {
  for (const auto& [key, fallback] : defaults) {
    value* existing = target.if_contains(key);
    if (existing == nullptr || existing->is_null()) {
      target[key] = fallback;
    } else if (existing->is_object() && fallback.is_object()) {
      apply_defaults(existing->as_object(), fallback.as_object());
    }
  }
}

void merge_patch(object& target, const object& patch, ArrayMerge arrays) {
  for (const auto& [key, incoming] : patch) {
    if (incoming.is_null()) {
      target.erase(key);
      continue;
    }
    value* existing = target.if_contains(key);
    if (existing != nullptr && existing->is_object() && incoming.is_object()) {
      merge_patch(existing->as_object(), incoming.as_object(), arrays);
    } else if (existing != nullptr && arrays == ArrayMerge::kAppend && existing->is_array() &&
               incoming.is_array()) {
      for (const auto& element : incoming.as_array()) existing->as_array().push_back(element);
    } else {
      target[key] = incoming;
    }
  }
}

std::optional<object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 64;  // Security: bounded nesting, hostile bodies cannot blow the stack
  value parsed = boost::json::parse(text, ec, {}, options);
  if (ec || !parsed.is_object()) return std::nullopt;
  return std::move(parsed.as_object());
}

std::string serialize(const value& v) { return boost::json::serialize(v); }

}  // namespace latchkey::json
