#include "web/pages.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>

#include "core/base64.hpp"
#include "crypto/digest.hpp"
#include "http/forwarded.hpp"

namespace latchkey::web {
namespace {

// Latchkey's own look, under the class names FusionAuth's default theme uses (panel, button
// blue, alert), so a theme's stylesheet written for FusionAuth restyles the same elements.
constexpr std::string_view kStyle = R"(
body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;color:#1d1f23}
.page-body{max-width:22rem;margin:4rem auto}
.panel{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
.application-name{font-size:1rem;font-weight:600;color:#4b5058;margin:0 0 .5rem}
h2{font-size:1.4rem;margin-top:0}
label{display:block;margin:1rem 0 .3rem;font-weight:600}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;
border:1px solid #8a8f98;border-radius:4px;font-size:1rem}
input:focus,button:focus{outline:3px solid #2563eb;outline-offset:1px}
.button{margin-top:1.5rem;width:100%;padding:.7rem;border:0;border-radius:4px;background:#1d4ed8;
color:#fff;font-size:1rem;cursor:pointer}
.alert{background:#fdecea;border:1px solid #b3261e;color:#7a1a14;padding:.7rem;border-radius:4px}
)";

using Hidden = std::vector<std::pair<std::string, std::string>>;

// The <title>: FusionAuth's page title, then whose page it is.
std::string page_title(std::string_view title, const PageLook& look) {
  if (look.application_name.empty()) return std::string(title);
  return std::string(title) + " | " + look.application_name;
}

// FusionAuth's panel (helpers.main): the application's name, then the page's heading.
Page document(std::string_view title, std::string_view heading, std::string_view main,
              const PageLook& look) {
  Page page;
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  html += "<title>" + html_escape(page_title(title, look)) + "</title>";
  const std::string base(kStyle);
  html += "<style>" + base + "</style>";
  page.style_hashes.push_back(style_hash_source(base));
  if (!look.stylesheet.empty()) {
    const std::string theme = style_element_text(look.stylesheet);
    html += "<style id=\"theme-stylesheet\">" + theme + "</style>";
    page.style_hashes.push_back(style_hash_source(theme));
  }
  html += "</head><body><main class=\"page-body container\"><div class=\"panel\">";
  if (!look.application_name.empty()) {
    html += "<h1 class=\"application-name\" id=\"application-name\">" +
            html_escape(look.application_name) + "</h1>";
  }
  html += "<h2 id=\"title\">" + html_escape(heading) + "</h2>";
  html += main;
  html += "</div></main></body></html>\n";
  page.html = std::move(html);
  return page;
}

std::string alert(std::string_view message) {
  if (message.empty()) return {};
  return "<p class=\"alert error\" role=\"alert\" id=\"error\">" + html_escape(message) + "</p>";
}

std::string hidden_inputs(const Hidden& hidden) {
  std::string out;
  for (const auto& [name, value] : hidden) {
    out += "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" +
           html_escape(value) + "\">";
  }
  return out;
}

// FusionAuth's helpers.button: `<button class="blue button">` with its icon.
std::string button(std::string_view text, std::string_view icon) {
  return "<button type=\"submit\" class=\"blue button\" id=\"submit-button\"><i class=\"fa fa-" +
         std::string(icon) + "\" aria-hidden=\"true\"></i> " + html_escape(text) + "</button>";
}

}  // namespace

std::string style_element_text(std::string_view stylesheet) {
  std::string out;
  out.reserve(stylesheet.size());
  for (std::size_t i = 0; i < stylesheet.size(); ++i) {
    const char c = stylesheet[i];
    if (c == '<') {
      out += "\\3c ";
    } else if (c == '\r') {
      out += '\n';
      if (i + 1 < stylesheet.size() && stylesheet[i + 1] == '\n') ++i;
    } else if (c != '\0') {
      out += c;
    }
  }
  return out;
}

std::string style_hash_source(std::string_view text) {
  return "'sha256-" + base64::encode(crypto::sha256(text)) + "'";
}

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

Page login_page(const Hidden& hidden, std::string_view login_id, std::string_view message,
                const PageLook& look) {
  std::string main = alert(message);
  // FusionAuth's oauth2Authorize: a POST to /oauth2/authorize with loginId and password.
  main +=
      "<form action=\"/oauth2/authorize\" method=\"POST\" class=\"full\" "
      "aria-labelledby=\"title\" autocomplete=\"on\">";
  main += hidden_inputs(hidden);
  main +=
      "<label for=\"loginId\">Email or username</label>"
      "<input type=\"text\" id=\"loginId\" name=\"loginId\" placeholder=\"Email\" "
      "autocomplete=\"username\" autocapitalize=\"none\" autocorrect=\"off\" spellcheck=\"false\" "
      "required autofocus value=\"" +
      html_escape(login_id) +
      "\">"
      "<label for=\"password\">Password</label>"
      "<input type=\"password\" id=\"password\" name=\"password\" placeholder=\"Password\" "
      "autocomplete=\"current-password\" required>";
  main += button("Submit", "key") + "</form>";
  return document("Login", "Login", main, look);
}

Page two_factor_page(const Hidden& hidden, std::string_view message, const PageLook& look) {
  std::string main = alert(message);
  main +=
      "<form id=\"2fa-form\" action=\"/oauth2/two-factor\" method=\"POST\" class=\"full\" "
      "aria-labelledby=\"title\">";
  main += hidden_inputs(hidden);
  main +=
      "<label for=\"code\">Code from your authenticator app</label>"
      "<input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" "
      "placeholder=\"Enter your verification or recovery code\" autocapitalize=\"none\" "
      "autocomplete=\"one-time-code\" autocorrect=\"off\" pattern=\"[0-9]*\" required autofocus>";
  main += button("Verify", "arrow-right") + "</form>";
  return document("Two-Factor Challenge", "Authentication challenge", main, look);
}

Page change_password_page(std::string_view action, const Hidden& hidden, std::string_view message,
                          const PageLook& look) {
  // The reason is always there; an error joins it, announced by role=alert and tied to both
  // fields by aria-describedby so a screen reader reads it with each field.
  std::string main = "<p id=\"reason\">Your password must be changed before you can sign in.</p>";
  std::string described_by = "reason";
  if (!message.empty()) {
    main += alert(message);
    described_by = "error reason";
  }
  main += "<form action=\"" + html_escape(action) +
          "\" method=\"POST\" class=\"full\" aria-labelledby=\"title\">";
  main += hidden_inputs(hidden);
  const std::string invalid = message.empty() ? "" : " aria-invalid=\"true\"";
  main +=
      "<label for=\"password\">New password</label>"
      "<input type=\"password\" id=\"password\" name=\"password\" placeholder=\"Password\" "
      "autocomplete=\"new-password\" required autofocus aria-describedby=\"" +
      described_by + "\"" + invalid +
      ">"
      "<label for=\"passwordConfirm\">Confirm new password</label>"
      "<input type=\"password\" id=\"passwordConfirm\" name=\"passwordConfirm\" "
      "placeholder=\"Confirm password\" autocomplete=\"new-password\" required "
      "aria-describedby=\"" +
      described_by + "\"" + invalid + ">";
  main += button("Submit", "arrow-right") + "</form>";
  return document("Update Password", "Update your password", main, look);
}

Page notice_page(std::string_view title, std::string_view description, const PageLook& look) {
  return document(title, title, "<p role=\"status\">" + html_escape(description) + "</p>", look);
}

Page error_page(std::string_view title, std::string_view description, const PageLook& look) {
  return document(title, title, "<p role=\"alert\">" + html_escape(description) + "</p>", look);
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

http::Response page_response(HttpStatus status, Page page, std::string_view form_redirect_source) {
  auto response = http::Response::html(status, std::move(page.html));
  response.set_header("Cache-Control", "no-store");
  response.set_header("Pragma", "no-cache");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  // form-action: our forms post only to ourselves. Chromium applies form-action to the
  // redirects that follow a submission too (CSP3 §6.4.1 leaves that to the browser), and the
  // sign-in forms end in a redirect to the client's redirect_uri, so a page holding such a
  // form also lists that (validated) redirect URI's origin.
  // style-src by hash, not 'unsafe-inline': only the <style> elements this server wrote apply,
  // and the theme's stylesheet needs no request of its own (no external assets, no cache).
  std::string styles;
  for (const auto& hash : page.style_hashes) styles += " " + hash;
  std::string policy = "default-src 'none'; style-src" + (styles.empty() ? " 'none'" : styles) +
                       "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  if (!form_redirect_source.empty()) policy += " " + std::string(form_redirect_source);
  response.set_header("Content-Security-Policy", policy);
  return response;
}

}  // namespace latchkey::web
