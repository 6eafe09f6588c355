#pragma once
// One parsed HTTP request as handlers see it: plain data, no Beast types, so every layer above
// http/ (and its tests) can build one by hand.
//
//   Request request;
//   request.method = "GET";
//   if (!request.set_target("/api/user/42?tenantId=x")) { /* malformed target */ }
//   const auto tenant = request.query_param("tenantId");   // "x"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latchkey::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string
      method;  // upper-case token as sent ("GET"); methods are case-sensitive (RFC 9110 §9.1)
  std::string target;  // the raw request-target
  std::string path;    // percent-decoded path, without the query
  // The path as sent, still percent-encoded. The router splits this one, so an encoded slash
  // or dot-segment inside an id can never select another route (http/router.hpp).
  std::string raw_path;
  Fields headers;  // in arrival order; names as sent
  // Query parameters, percent-decoded. `+` stays a literal plus: RFC 3986 gives it no meaning
  // and FusionAuth's clients encode spaces as %20 (encodeURIComponent).
  Fields query;
  std::map<std::string, std::string> path_params;  // filled by the Router
  std::string route_template;  // the matched template ("/api/user/{userId}"), set by the Router
  std::string body;
  // The client's address: the socket peer, or the client a trusted proxy forwarded for
  // (http/forwarded.hpp, the one place X-Forwarded-* is read).
  std::string client_ip;
  std::string request_id;
  // True when the client's scheme is https: a trusted proxy said so through X-Forwarded-Proto,
  // or the configured public URL is https.
  bool secure = false;
  // The scheme, host and prefix the client used to reach us ("https://id.example.com"), for
  // discovery and absolute URLs: the public URL, or a trusted proxy's forwarded host. Never
  // built from the Host header. Empty for requests made in-process (kickstart).
  std::string base_url;
  std::optional<std::string> forwarded_host;  // X-Forwarded-Host from a trusted proxy

  // Sets target, path and query from a request-target in origin-form ("/a/b?c=d") or
  // absolute-form ("http://host/a/b?c=d", RFC 9112 §3.2.2). Answers false, leaving the request
  // unchanged, when the target is malformed (bad percent-escapes, forbidden characters).
  [[nodiscard]] bool set_target(std::string raw_target);

  // The first header with this name, compared case-insensitively (RFC 9110 §5.1).
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;

  [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> query_params(std::string_view name) const;

  // The first cookie with this name over every Cookie header (RFC 6265 §5.4).
  [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;

  // A parameter captured by the route template ("{userId}"). Asking for a name the route does
  // not declare is a bug, so it throws std::out_of_range.
  [[nodiscard]] const std::string& path_param(std::string_view name) const;

  // The media type of Content-Type, lower-case, without parameters ("application/json"), or ""
  // when absent.
  [[nodiscard]] std::string content_type() const;
};

// ASCII case-insensitive equality, as header names and tokens compare.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

// Whether `c` may appear in a token (RFC 9110 §5.6.2 tchar): methods, header names, cookie
// names.
[[nodiscard]] bool is_tchar(char c);

// `text` without leading and trailing optional whitespace (SP and HTAB, RFC 9110 §5.6.3), as
// field values and list elements are read.
[[nodiscard]] std::string_view trim_ows(std::string_view text);

}  // namespace latchkey::http
