#include "services/kickstart/kickstart_substitution.hpp"

#include "services/kickstart/include_path.hpp"

namespace latchkey::services {
namespace {

// Include files may include others; a file that includes itself must stop, not recurse.
constexpr int kMaxIncludeDepth = 8;

Error invalid(std::string message) {
  return Error::general(HttpStatus::kBadRequest, "[invalid]kickstart", std::move(message));
}

Result<std::string> read_include(std::string_view written, char sigil,
                                 const SubstitutionContext& context) {
  const std::string shown = std::string(1, sigil) + "{" + std::string(written) + "}";
  if (!context.read_include) {
    return fail(invalid("kickstart include " + shown + ": this kickstart cannot include files"));
  }
  auto relative = include_path(written);
  if (!relative) {
    return fail(invalid("kickstart include " + shown +
                        " is refused: " + relative.error().general_errors().front().message));
  }
  auto text = context.read_include(*relative);
  if (!text) {
    const auto& errors = text.error().general_errors();
    return fail(invalid("kickstart include " + shown + " cannot be read" +
                        (errors.empty() ? "" : ": " + errors.front().message)));
  }
  return std::move(*text);
}

Result<std::string> resolve_name(const std::string& name, const SubstitutionContext& context) {
  if (name == "UUID()") return context.new_uuid().str();
  if (name.starts_with("ENV.")) {
    // Security: the message names the variable, never a value.
    auto value = context.environment(name.substr(4));
    if (!value) return fail(invalid("environment variable " + name.substr(4) + " is not set"));
    return std::move(*value);
  }
  if (const auto found = context.variables.find(name); found != context.variables.end()) {
    return found->second;
  }
  // Unknown names stop start-up, so a typo does not create objects named "#{typo}".
  return fail(invalid("unknown kickstart variable #{" + name +
                      "} (a variable may use only built-ins and variables declared before it)"));
}

Result<json::value> substitute_at(const json::value& value, const SubstitutionContext& context,
                                  int depth);

Result<json::value> include_json(std::string_view written, const SubstitutionContext& context,
                                 int depth) {
  if (depth >= kMaxIncludeDepth) {
    return fail(invalid("kickstart include &{" + std::string(written) + "} nests more than " +
                        std::to_string(kMaxIncludeDepth) +
                        " includes deep (does it include itself?)"));
  }
  LATCHKEY_TRY(const auto text, read_include(written, '&', context));
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 64;  // Security: bounded nesting, as for request bodies
  const json::value parsed = boost::json::parse(text, ec, {}, options);
  if (ec) {
    return fail(
        invalid("kickstart include &{" + std::string(written) + "} is not JSON: " + ec.message()));
  }
  return substitute_at(parsed, context, depth + 1);
}

Result<json::value> substitute_at(const json::value& value, const SubstitutionContext& context,
                                  int depth) {
  if (value.is_string()) {
    if (const auto path = whole_json_include(value.as_string())) {
      return include_json(*path, context, depth);
    }
    LATCHKEY_TRY(auto text, substitute_text(value.as_string(), context));
    return json::value(text);
  }
  if (value.is_array()) {
    json::array out;
    for (const auto& element : value.as_array()) {
      LATCHKEY_TRY(auto resolved, substitute_at(element, context, depth));
      out.push_back(std::move(resolved));
    }
    return json::value(std::move(out));
  }
  if (value.is_object()) {
    json::object out;
    for (const auto& [key, member] : value.as_object()) {
      LATCHKEY_TRY(auto resolved_key, substitute_text(key, context));
      LATCHKEY_TRY(auto resolved, substitute_at(member, context, depth));
      out[resolved_key] = std::move(resolved);
    }
    return json::value(std::move(out));
  }
  return value;
}

}  // namespace

std::optional<std::string_view> whole_json_include(std::string_view text) {
  if (!text.starts_with("&{") || !text.ends_with('}')) return std::nullopt;
  const std::string_view path = text.substr(2, text.size() - 3);
  if (path.find('}') != std::string_view::npos) return std::nullopt;
  return path;
}

Result<std::string> substitute_text(std::string_view text, const SubstitutionContext& context) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const bool opens = i + 1 < text.size() && text[i + 1] == '{' &&
                       (text[i] == '#' || text[i] == '@' || text[i] == '&');
    if (text[i] == '\\' && i + 2 < text.size() && text[i + 2] == '{' &&
        (text[i + 1] == '#' || text[i + 1] == '@' || text[i + 1] == '&')) {
      out += text.substr(i + 1, 2);  // FusionAuth's escape: \#{ is a literal #{
      i += 3;
      continue;
    }
    if (!opens) {
      out.push_back(text[i++]);
      continue;
    }
    const char sigil = text[i];
    const auto close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return fail(invalid(std::string("unterminated ") + sigil + "{ in kickstart"));
    }
    const std::string inner(text.substr(i + 2, close - i - 2));
    if (sigil == '#') {
      LATCHKEY_TRY(const auto resolved, resolve_name(inner, context));
      out += resolved;
    } else if (sigil == '@') {
      LATCHKEY_TRY(const auto included, read_include(inner, '@', context));
      out += included;
    } else {
      return fail(invalid("kickstart include &{" + inner +
                          "} must be a whole JSON value (a body or a request), not part of a "
                          "string; use @{...} to include text"));
    }
    i = close + 1;
  }
  return out;
}

Result<json::value> substitute_value(const json::value& value, const SubstitutionContext& context) {
  return substitute_at(value, context, 0);
}

}  // namespace latchkey::services
