#pragma once
// FusionAuth's CORS filter as a pure rule: which cross-origin requests the system
// configuration's corsConfiguration allows, and the headers their answers carry. The HTTP edge
// (api/cors_filter) reads the request, asks decide_cors, and answers what it says.
//
//   const CorsPolicy policy = CorsPolicy::from_json(cors_configuration);
//   const CorsDecision decision = decide_cors(policy, {.method = "OPTIONS", .path =
//   "/oauth2/token",
//                                                      .origin = "https://app.example", ...});
//   if (decision.outcome == CorsOutcome::kRefused) answer 403;
//
// The rules (operate/secure/cors.mdx, which describes a filter in the manner of Tomcat's):
// - disabled, or a path FusionAuth excludes (/account*, /admin*, /support*, /ajax*): not
//   applied, no headers;
// - no Origin, the server's own origin, or what the browser itself marks as no CORS request
//   (Sec-Fetch-Site: same-origin, Sec-Fetch-Mode: navigate): not a CORS request (only
//   `Vary: Origin`). The hosted pages send `Referrer-Policy: no-referrer`, so Chromium posts
//   their own forms with `Origin: null`; and a navigation never reads an answer cross-origin,
//   so CORS headers mean nothing to it (the hosted pages check a form's origin themselves);
// - a preflight (OPTIONS with Access-Control-Request-Method) is answered by the filter itself:
//   allowed when the origin, the method and every requested header are allowed, else refused;
// - any other request with an Origin is allowed when the origin and its method are, else
//   refused; a refusal is 403 and the endpoint never runs.
//
// Security: an origin is echoed only when it is in allowedOrigins. With `*` the answer is the
// literal `Access-Control-Allow-Origin: *`, and then never `Access-Control-Allow-Credentials`,
// even when allowCredentials is true: echoing any origin with credentials would let every site
// read a user's credentialed answers. FusionAuth accepts that configuration; Latchkey accepts
// it too but never sends the unsafe combination (browsers then refuse credentialed requests
// and allow the others). The opaque origin "null" (sandboxed frames, file: pages) is never
// echoed; only `*` covers it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"

namespace latchkey::services {

// corsConfiguration as a typed view.
struct CorsPolicy {
  bool enabled = false;
  bool allow_credentials = false;
  bool any_origin = false;                   // allowedOrigins is ["*"]
  std::vector<std::string> allowed_origins;  // normalized: lower-case scheme and host, no "/"
  std::vector<std::string> allowed_methods;
  std::vector<std::string> allowed_headers;
  std::vector<std::string> exposed_headers;
  std::int64_t preflight_max_age_seconds = 1800;  // -1: no Access-Control-Max-Age
  bool debug = false;

  static CorsPolicy from_json(const json::object& cors_configuration);
};

struct CorsRequest {
  std::string_view method;
  std::string_view path;
  std::optional<std::string_view> origin;
  std::optional<std::string_view> request_method;   // Access-Control-Request-Method
  std::optional<std::string_view> request_headers;  // Access-Control-Request-Headers
  // The origins the server itself is reached at (scheme://host[:port]); a request whose Origin
  // is one of them is same-origin, not CORS.
  std::vector<std::string> own_origins;
  // Fetch Metadata (Sec-Fetch-Site, Sec-Fetch-Mode), which only a browser sets.
  std::optional<std::string_view> fetch_site = std::nullopt;
  std::optional<std::string_view> fetch_mode = std::nullopt;
};

enum class CorsOutcome {
  kNotApplied,  // not a CORS request (or the filter is off for it): route as usual
  kPreflight,   // an allowed preflight: answer 200 with `headers`, without routing
  kActual,      // an allowed cross-origin request: route, then add `headers`
  kRefused,     // 403 without routing
};

struct CorsDecision {
  CorsOutcome outcome = CorsOutcome::kNotApplied;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string reason;  // why a request was refused (the debug log)
};

[[nodiscard]] CorsDecision decide_cors(const CorsPolicy& policy, const CorsRequest& request);

// Whether FusionAuth's CORS filter skips this path (/account*, /admin*, /support*, /ajax*),
// forcing same-origin use of those pages.
[[nodiscard]] bool cors_excluded_path(std::string_view path);

// An origin in its serialized form (RFC 6454 §6.2): scheme "://" host [":" port], lower-case
// scheme and host, without a trailing "/"; nullopt for anything else (a path, a query,
// credentials, "null"). Used for configured entries and Origin headers alike.
[[nodiscard]] std::optional<std::string> normalize_origin(std::string_view text);

}  // namespace latchkey::services
