#include "web/pages.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>

#include "http/forwarded.hpp"

namespace latchkey::web {
namespace {

constexpr std::string_view kStyle = R"(
body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;color:#1d1f23}
main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin-top:0}
label{display:block;margin:1rem 0 .3rem;font-weight:600}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;
border:1px solid #8a8f98;border-radius:4px;font-size:1rem}
input:focus,button:focus{outline:3px solid #2563eb;outline-offset:1px}
button{margin-top:1.5rem;width:100%;padding:.7rem;border:0;border-radius:4px;background:#1d4ed8;
color:#fff;font-size:1rem;cursor:pointer}
.alert{background:#fdecea;border:1px solid #b3261e;color:#7a1a14;padding:.7rem;border-radius:4px}
)";

std::string document(std::string_view title, std::string_view main) {
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  html += "<title>" + html_escape(title) + "</title><style>";
  html += kStyle;
  html += "</style></head><body><main>";
  html += main;
  html += "</main></body></html>\n";
  return html;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string login_page(const std::vector<std::pair<std::string, std::string>>& hidden,
                       std::string_view login_id, std::string_view message) {
  std::string main = "<h1 id=\"title\">Sign in</h1>";
  if (!message.empty()) {
    main += "<p class=\"alert\" role=\"alert\" id=\"error\">" + html_escape(message) + "</p>";
  }
  main +=
      "<form method=\"post\" action=\"/oauth2/authorize\" aria-labelledby=\"title\" "
      "autocomplete=\"on\">";
  for (const auto& [name, value] : hidden) {
    main += "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" +
            html_escape(value) + "\">";
  }
  main +=
      "<label for=\"loginId\">Email or username</label>"
      "<input type=\"text\" id=\"loginId\" name=\"loginId\" autocomplete=\"username\" required "
      "autofocus value=\"" +
      html_escape(login_id) +
      "\">"
      "<label for=\"password\">Password</label>"
      "<input type=\"password\" id=\"password\" name=\"password\" "
      "autocomplete=\"current-password\" required>"
      "<button type=\"submit\">Sign in</button></form>";
  return document("Sign in", main);
}

std::string two_factor_page(const std::vector<std::pair<std::string, std::string>>& hidden,
                            std::string_view message) {
  std::string main = "<h1 id=\"title\">Two-factor authentication</h1>";
  if (!message.empty()) {
    main += "<p class=\"alert\" role=\"alert\" id=\"error\">" + html_escape(message) + "</p>";
  }
  main += "<form method=\"post\" action=\"/oauth2/two-factor\" aria-labelledby=\"title\">";
  for (const auto& [name, value] : hidden) {
    main += "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" +
            html_escape(value) + "\">";
  }
  main +=
      "<label for=\"code\">Code from your authenticator app</label>"
      "<input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" "
      "autocomplete=\"one-time-code\" pattern=\"[0-9]*\" required autofocus>"
      "<button type=\"submit\">Verify</button></form>";
  return document("Two-factor authentication", main);
}

std::string change_password_page(std::string_view action,
                                 const std::vector<std::pair<std::string, std::string>>& hidden,
                                 std::string_view message) {
  std::string main = "<h1 id=\"title\">Change your password</h1>";
  // The reason is always there; an error joins it, announced by role=alert and tied to both
  // fields by aria-describedby so a screen reader reads it with each field.
  main += "<p id=\"reason\">Your password must be changed before you can sign in.</p>";
  std::string described_by = "reason";
  if (!message.empty()) {
    main += "<p class=\"alert\" role=\"alert\" id=\"error\">" + html_escape(message) + "</p>";
    described_by = "error reason";
  }
  main += "<form method=\"post\" action=\"" + html_escape(action) + "\" aria-labelledby=\"title\">";
  for (const auto& [name, value] : hidden) {
    main += "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" +
            html_escape(value) + "\">";
  }
  const std::string invalid = message.empty() ? "" : " aria-invalid=\"true\"";
  main +=
      "<label for=\"password\">New password</label>"
      "<input type=\"password\" id=\"password\" name=\"password\" "
      "autocomplete=\"new-password\" required autofocus aria-describedby=\"" +
      described_by + "\"" + invalid +
      ">"
      "<label for=\"passwordConfirm\">Confirm new password</label>"
      "<input type=\"password\" id=\"passwordConfirm\" name=\"passwordConfirm\" "
      "autocomplete=\"new-password\" required aria-describedby=\"" +
      described_by + "\"" + invalid +
      ">"
      "<button type=\"submit\">Change password</button></form>";
  return document("Change your password", main);
}

std::string notice_page(std::string_view title, std::string_view description) {
  return document(title, "<h1>" + html_escape(title) + "</h1><p role=\"status\">" +
                             html_escape(description) + "</p>");
}

std::string error_page(std::string_view title, std::string_view description) {
  return document(title, "<h1>" + html_escape(title) + "</h1><p role=\"alert\">" +
                             html_escape(description) + "</p>");
}

std::string form_redirect_source(std::string_view redirect_uri) {
  const auto parsed = boost::urls::parse_absolute_uri(redirect_uri);
  if (!parsed) return {};
  std::string scheme(parsed->scheme());
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool scheme_ok =
      !scheme.empty() && std::isalpha(static_cast<unsigned char>(scheme.front())) != 0 &&
      std::ranges::all_of(scheme, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
      });
  if (!scheme_ok) return {};
  // A native app's private-use scheme ("com.example.app:/cb", RFC 8252 §7.1) has no host.
  if (!parsed->has_authority() || parsed->encoded_host().empty()) return scheme + ":";
  std::string authority(parsed->encoded_host_and_port());
  for (char& c : authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Security: only host[:port] characters reach the header, so a redirect URI cannot add a
  // directive (';') or another source (' ').
  if (!http::is_valid_authority(authority)) return {};
  return scheme + "://" + authority;
}

http::Response page_response(HttpStatus status, std::string body,
                             std::string_view form_redirect_source) {
  auto response = http::Response::html(status, std::move(body));
  response.set_header("Cache-Control", "no-store");
  response.set_header("Pragma", "no-cache");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  // form-action: our forms post only to ourselves. Chromium applies form-action to the
  // redirects that follow a submission too (CSP3 §6.4.1 leaves that to the browser), and the
  // sign-in forms end in a redirect to the client's redirect_uri, so a page holding such a
  // form also lists that (validated) redirect URI's origin.
  std::string policy =
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; "
      "form-action 'self'";
  if (!form_redirect_source.empty()) policy += " " + std::string(form_redirect_source);
  response.set_header("Content-Security-Policy", policy);
  return response;
}

}  // namespace latchkey::web
