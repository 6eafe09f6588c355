#pragma once
// The hosted pages' HTML: self-contained (inline CSS, no external assets, no script), labelled
// for screen readers, every interpolated value HTML-escaped.
//
//   auto response = web::page_response(HttpStatus::kOk, web::login_page(fields, message));

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http_status.hpp"
#include "http/response.hpp"

namespace latchkey::web {

// Escapes & < > " ' for text and double- or single-quoted attribute values.
std::string html_escape(std::string_view text);

// The login form: `hidden` are the OAuth parameters carried through the POST (with the CSRF
// token), `login_id` is refilled after a failure, `message` is shown above the form.
std::string login_page(const std::vector<std::pair<std::string, std::string>>& hidden,
                       std::string_view login_id, std::string_view message);
// The second-factor form (TOTP code), posted to /oauth2/two-factor.
std::string two_factor_page(const std::vector<std::pair<std::string, std::string>>& hidden,
                            std::string_view message);
// The change-password form, posted back to `action` (/password/change/{id}): a new password
// and its confirmation. `message` is the error shown above the form.
std::string change_password_page(std::string_view action,
                                 const std::vector<std::pair<std::string, std::string>>& hidden,
                                 std::string_view message);
// A page that only says something (e.g. "Your password has been changed.").
std::string notice_page(std::string_view title, std::string_view description);
// A page for a request that cannot go back to the client (unknown client, bad redirect_uri).
std::string error_page(std::string_view title, std::string_view description);

// An HTML response with the hosted pages' headers: no-store, no framing (X-Frame-Options and
// CSP frame-ancestors), a CSP that allows nothing but the page's own inline style and forms
// posted to ourselves (form-action 'self'), plus `form_redirect_source` for a page whose form
// ends in a redirect to the client (see form_redirect_source()).
http::Response page_response(HttpStatus status, std::string body,
                             std::string_view form_redirect_source = {});

// The CSP source for a validated redirect_uri: "https://app.example:8443", or "com.example.app:"
// for a private-use scheme; empty when it cannot be expressed safely.
std::string form_redirect_source(std::string_view redirect_uri);

}  // namespace latchkey::web
