#pragma once
// The hosted pages' HTML: self-contained (inline CSS, no external assets, no script), labelled
// for screen readers, every interpolated value HTML-escaped. Titles, field names and ids and the
// main button's classes follow FusionAuth's default theme (a `button blue` Submit, `#loginId`,
// `#password`, `#2fa-form`, `#code`, `#passwordConfirm`), so UI tests written against
// FusionAuth's pages find their elements. The page wears the theme in effect: its stylesheet
// is served inline, after Latchkey's own, and allowed by its hash in the Content-Security-Policy.
//
//   auto response = web::page_response(HttpStatus::kOk, web::login_page(fields, id, msg, look));

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http_status.hpp"
#include "http/response.hpp"
#include "services/themes/theme_service.hpp"

namespace latchkey::web {

using services::PageLook;

// A rendered page and the CSP hash sources ('sha256-...') of the <style> elements it holds.
struct Page {
  std::string html;
  std::vector<std::string> style_hashes;
};

// Security: a stylesheet as the text of a <style> element. Every '<' becomes the CSS escape
// "\3c " (the same character to CSS, inside strings too), so no "</style" or "<!--" can end
// the element whatever the theme holds; line ends are normalised to LF, as the HTML parser
// does before the browser hashes the element for the CSP.
std::string style_element_text(std::string_view stylesheet);
// The CSP hash source of a <style> element's text: 'sha256-<base64>'.
std::string style_hash_source(std::string_view text);

// Escapes & < > " ' for text and double- or single-quoted attribute values.
std::string html_escape(std::string_view text);

// The login form: `hidden` are the OAuth parameters carried through the POST (with the CSRF
// token), `login_id` is refilled after a failure, `message` is shown above the form.
// `look` names the application (shown as the page's first heading) and carries the theme's
// stylesheet.
Page login_page(const std::vector<std::pair<std::string, std::string>>& hidden,
                std::string_view login_id, std::string_view message, const PageLook& look = {});
// The second-factor form (TOTP code), posted to /oauth2/two-factor.
Page two_factor_page(const std::vector<std::pair<std::string, std::string>>& hidden,
                     std::string_view message, const PageLook& look = {});
// The change-password form, posted back to `action` (/password/change/{id}): a new password
// and its confirmation. `message` is the error shown above the form.
Page change_password_page(std::string_view action,
                          const std::vector<std::pair<std::string, std::string>>& hidden,
                          std::string_view message, const PageLook& look = {});
// A page that only says something (e.g. "Your password has been changed.").
Page notice_page(std::string_view title, std::string_view description, const PageLook& look = {});
// A page for a request that cannot go back to the client (unknown client, bad redirect_uri).
Page error_page(std::string_view title, std::string_view description, const PageLook& look = {});

// An HTML response with the hosted pages' headers: no-store, no framing (X-Frame-Options and
// CSP frame-ancestors), a CSP that allows nothing but the page's own <style> elements (by
// hash: an injected one would not apply) and forms posted to ourselves (form-action 'self'),
// plus `form_redirect_source` for a page whose form ends in a redirect to the client (see
// form_redirect_source()).
http::Response page_response(HttpStatus status, Page page,
                             std::string_view form_redirect_source = {});

// The CSP source for a validated redirect_uri: "https://app.example:8443", or "com.example.app:"
// for a private-use scheme; empty when it cannot be expressed safely.
std::string form_redirect_source(std::string_view redirect_uri);

}  // namespace latchkey::web
