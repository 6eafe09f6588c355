#include "services/system/cors_policy.hpp"

#include <algorithm>
#include <cctype>

namespace latchkey::services {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequal(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) { return lower(x) == lower(y); });
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::vector<std::string> strings(const json::object& doc, std::string_view name) {
  std::vector<std::string> out;
  if (const auto* values = json::get_array(doc, name)) {
    for (const auto& value : *values) {
      if (value.is_string()) out.emplace_back(value.as_string());
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

// RFC 9110 §5.6.2 token, as methods and header names are.
bool is_token(std::string_view text) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::ranges::all_of(text, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           kSpecials.find(c) != std::string_view::npos;
  });
}

bool valid_scheme(std::string_view scheme) {
  if (scheme.empty() || std::isalpha(static_cast<unsigned char>(scheme.front())) == 0) return false;
  return std::ranges::all_of(scheme, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
  });
}

bool valid_port(std::string_view port) {
  return !port.empty() && port.size() <= 5 &&
         std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; });
}

CorsDecision decision(CorsOutcome outcome) {
  CorsDecision made;
  made.outcome = outcome;
  return made;
}

CorsDecision refused(std::string reason) {
  CorsDecision made = decision(CorsOutcome::kRefused);
  made.reason = std::move(reason);
  return made;
}

// What Access-Control-Allow-Origin (and -Credentials) answer for an allowed origin.
void add_origin_headers(const CorsPolicy& policy, std::string_view origin,
                        std::vector<std::pair<std::string, std::string>>& headers) {
  if (policy.any_origin) {
    // Security: `*` is never paired with credentials (see the header).
    headers.emplace_back("Access-Control-Allow-Origin", "*");
    return;
  }
  headers.emplace_back("Access-Control-Allow-Origin", std::string(origin));
  if (policy.allow_credentials) headers.emplace_back("Access-Control-Allow-Credentials", "true");
}

bool origin_allowed(const CorsPolicy& policy, const std::optional<std::string>& origin) {
  if (policy.any_origin) return true;
  return origin &&
         std::ranges::find(policy.allowed_origins, *origin) != policy.allowed_origins.end();
}

bool method_allowed(const CorsPolicy& policy, std::string_view method) {
  return std::ranges::find(policy.allowed_methods, method) != policy.allowed_methods.end();
}

bool header_allowed(const CorsPolicy& policy, std::string_view name) {
  return std::ranges::any_of(policy.allowed_headers,
                             [&](const std::string& allowed) { return iequal(allowed, name); });
}

}  // namespace

std::optional<std::string> normalize_origin(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.back() == '/') text.remove_suffix(1);
  const auto separator = text.find("://");
  if (separator == std::string_view::npos) return std::nullopt;
  const std::string_view scheme = text.substr(0, separator);
  const std::string_view authority = text.substr(separator + 3);
  if (!valid_scheme(scheme) || authority.empty()) return std::nullopt;
  if (std::ranges::any_of(authority, [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '/' || c == '?' ||
               c == '#' || c == '@' || c == '\\';
      })) {
    return std::nullopt;
  }
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    host = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
      if (!valid_port(port)) return std::nullopt;
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (host.empty() || !valid_port(port) || host.find(':') != std::string_view::npos) {
      return std::nullopt;
    }
  }
  std::string out;
  for (const char c : scheme) out += lower(c);
  // Browsers leave a scheme's default port out of an Origin, so a configured one must match.
  if ((out == "http" && port == "80") || (out == "https" && port == "443")) port = {};
  out += "://";
  for (const char c : host) out += lower(c);
  if (!port.empty()) {
    out += ':';
    out += port;
  }
  return out;
}

CorsPolicy CorsPolicy::from_json(const json::object& cors) {
  CorsPolicy policy;
  policy.enabled = json::get_bool(cors, "enabled").value_or(false);
  policy.allow_credentials = json::get_bool(cors, "allowCredentials").value_or(false);
  for (const auto& origin : strings(cors, "allowedOrigins")) {
    if (trim(origin) == "*") {
      policy.any_origin = true;
    } else if (auto normalized = normalize_origin(origin)) {
      policy.allowed_origins.push_back(std::move(*normalized));
    }
  }
  policy.allowed_methods = strings(cors, "allowedMethods");
  policy.allowed_headers = strings(cors, "allowedHeaders");
  policy.exposed_headers = strings(cors, "exposedHeaders");
  policy.preflight_max_age_seconds = json::get_int(cors, "preflightMaxAgeInSeconds").value_or(1800);
  policy.debug = json::get_bool(cors, "debug").value_or(false);
  return policy;
}

bool cors_excluded_path(std::string_view path) {
  return starts_with(path, "/account") || starts_with(path, "/admin") ||
         starts_with(path, "/support") || starts_with(path, "/ajax");
}

CorsDecision decide_cors(const CorsPolicy& policy, const CorsRequest& request) {
  if (!policy.enabled || cors_excluded_path(request.path)) return {};
  // Answers differ by Origin from here on, so shared caches must key on it.
  CorsDecision not_cors = decision(CorsOutcome::kNotApplied);
  not_cors.headers.emplace_back("Vary", "Origin");
  if (!request.origin) return not_cors;
  if ((request.fetch_site && iequal(trim(*request.fetch_site), "same-origin")) ||
      (request.fetch_mode && iequal(trim(*request.fetch_mode), "navigate"))) {
    return not_cors;
  }
  const std::optional<std::string> origin = normalize_origin(*request.origin);
  if (origin && std::ranges::find(request.own_origins, *origin) != request.own_origins.end()) {
    return not_cors;  // same-origin: the hosted pages post their own forms with an Origin
  }
  if (!origin && trim(*request.origin) != "null") {
    return refused("the Origin header [" + std::string(*request.origin) + "] is not an origin");
  }
  if (!origin_allowed(policy, origin)) {
    return refused("the origin [" + std::string(*request.origin) + "] is not allowed");
  }

  if (request.method == "OPTIONS" && request.request_method) {
    const std::string_view method = trim(*request.request_method);
    if (!is_token(method) || !method_allowed(policy, method)) {
      return refused("the method [" + std::string(method) + "] is not allowed");
    }
    std::string_view rest = request.request_headers.value_or("");
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const std::string_view name = trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      if (name.empty()) continue;
      if (!is_token(name) || !header_allowed(policy, name)) {
        return refused("the request header [" + std::string(name) + "] is not allowed");
      }
    }
    CorsDecision preflight = decision(CorsOutcome::kPreflight);
    add_origin_headers(policy, *request.origin, preflight.headers);
    if (!policy.allowed_methods.empty()) {
      preflight.headers.emplace_back("Access-Control-Allow-Methods", join(policy.allowed_methods));
    }
    if (!policy.allowed_headers.empty()) {
      preflight.headers.emplace_back("Access-Control-Allow-Headers", join(policy.allowed_headers));
    }
    if (policy.preflight_max_age_seconds >= 0) {
      preflight.headers.emplace_back("Access-Control-Max-Age",
                                     std::to_string(policy.preflight_max_age_seconds));
    }
    preflight.headers.emplace_back("Vary",
                                   "Origin, Access-Control-Request-Method, "
                                   "Access-Control-Request-Headers");
    return preflight;
  }

  if (!method_allowed(policy, request.method)) {
    return refused("the method [" + std::string(request.method) + "] is not allowed");
  }
  CorsDecision actual = decision(CorsOutcome::kActual);
  add_origin_headers(policy, *request.origin, actual.headers);
  if (!policy.exposed_headers.empty()) {
    actual.headers.emplace_back("Access-Control-Expose-Headers", join(policy.exposed_headers));
  }
  actual.headers.emplace_back("Vary", "Origin");
  return actual;
}

}  // namespace latchkey::services
