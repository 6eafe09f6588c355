#pragma once
// Cookies both ways: reading a Cookie request header (RFC 6265 §4.2, §5.4) and rendering a
// Set-Cookie response header (§4.1).
//
//   response.set_cookie({.name = "lk_session", .value = token, .secure = request.secure});
//   response.set_cookie(Cookie::expired("lk_session"));        // deletes it in the browser
//   const auto token = find_cookie(request.header("Cookie").value_or(""), "lk_session");

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace latchkey::http {

struct Cookie {
  std::string name{};
  std::string value{};
  std::string path = "/";
  std::optional<std::chrono::seconds> max_age{};  // none: a session cookie; 0: delete it now
  // Security: HttpOnly by default, so a script injected into a page cannot read session cookies.
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";  // "Strict", "Lax" or "None" (None requires secure)

  // A cookie that makes the browser forget `name` at once.
  static Cookie expired(std::string name, std::string path = "/");
};

// The Set-Cookie header value. Throws std::invalid_argument when a field would break the header
// (a name that is not a token, a value with `;`, `,`, spaces or control characters, an unknown
// SameSite, SameSite=None without Secure): such input is a bug in the caller, never user data
// to be passed through.
[[nodiscard]] std::string render_set_cookie(const Cookie& cookie);

// The value of the first cookie called `name` in one Cookie header value ("a=1; b=2"). A value
// wrapped in double quotes is returned without them (RFC 6265 §4.1.1). Malformed pairs are
// skipped, as user agents never send them and a hostile client gains nothing from them.
[[nodiscard]] std::optional<std::string> find_cookie(std::string_view cookie_header,
                                                     std::string_view name);

}  // namespace latchkey::http
