#pragma once
// The OAuth 2.0 rules that need no I/O (RFC 6749, RFC 7636, OpenID Connect Core): scopes,
// redirect-URI matching, PKCE, grant and client-authentication policies, at_hash/c_hash.
//
//   LATCHKEY_TRY(const auto scopes, oauth::parse_scopes(form.get("scope"), settings->oauth));
//   if (!oauth::verify_pkce(challenge, method, verifier)) return invalid_grant(...);

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/application_settings.hpp"
#include "jose/algorithm.hpp"

namespace latchkey::services::oauth {

// The OAuth error a failure renders as: `{error, error_description, error_reason}`.
Error oauth_error(HttpStatus status, std::string error, std::string description,
                  std::string reason);
Error invalid_request(std::string description, std::string reason);
Error invalid_grant(std::string description, std::string reason);
Error invalid_client(std::string description, std::string reason);

// The error_reason for a Login API changePasswordReason (Administrative, Breached, Expired,
// Validation): change_password_administrative and so on; anything else is administrative.
std::string change_password_reason(std::string_view login_reason);

// Space-separated scopes, deduplicated, in request order. Unknown scopes follow the
// application's oauthConfiguration.unknownScopePolicy (Reject, Remove or Allow).
Result<std::vector<std::string>> parse_scopes(const std::optional<std::string>& scope,
                                              const domain::OAuthConfiguration& oauth);
std::string join_scopes(const std::vector<std::string>& scopes);
bool has_scope(const std::vector<std::string>& scopes, std::string_view scope);

// RFC 6749 §3.1.2.3 / OAuth 2.0 Security BCP: the redirect URI must equal, byte for byte, one
// of the application's authorizedRedirectURLs. No prefix, no wildcard, no normalisation.
bool redirect_uri_registered(const domain::OAuthConfiguration& oauth, std::string_view uri);

// oauthConfiguration.enabledGrants contains `grant`.
bool grant_enabled(const domain::OAuthConfiguration& oauth, std::string_view grant);

// Whether `presented` is the application's client secret. Security: compared in constant time,
// and an application without a secret matches nothing.
bool client_secret_matches(const domain::OAuthConfiguration& oauth, std::string_view presented);

// The application's policies, parsed with its settings (OAuthConfiguration::client_authentication
// and ::pkce).
using domain::ClientAuthentication;
using domain::PkcePolicy;

// OpenID Connect Core §3.1.2.1 max_age: a non-negative number of seconds in decimal digits.
// Nothing for anything else (a sign, a fraction, an overflow), which the request refuses.
std::optional<std::chrono::seconds> parse_max_age(std::string_view value);

// RFC 7636 §4.1/§4.2: 43..128 characters of [A-Za-z0-9-._~].
bool valid_pkce_value(std::string_view value);
// Security: `plain` is accepted only where PKCE is optional defence in depth (policy
// NotRequired); a client PKCE protects in place of a secret must use S256.
Status check_code_challenge(const domain::OAuthConfiguration& oauth,
                            const std::optional<std::string>& challenge,
                            const std::optional<std::string>& method);
// RFC 7636 §4.6, compared in constant time.
bool verify_pkce(std::string_view challenge, std::string_view method, std::string_view verifier);

// OpenID Connect Core §3.1.3.6 / §3.3.2.11: base64url of the left half of the hash of `value`
// with the hash of the signing algorithm: SHA-256 for *256, SHA-384 for *384, SHA-512 for *512
// and EdDSA (Ed25519).
std::string left_half_hash(jose::Algorithm algorithm, std::string_view value);

// The client's credentials from `Authorization: Basic` (RFC 6749 §2.3.1), if that header is
// Basic and well formed. Anything else under Basic is an error.
struct ClientCredentials {
  std::optional<std::string> client_id;
  std::optional<std::string> client_secret;
  bool from_basic = false;
};
Result<ClientCredentials> client_credentials(const std::optional<std::string_view>& authorization,
                                             const std::optional<std::string>& form_client_id,
                                             const std::optional<std::string>& form_secret);

// Percent-encodes a query component (RFC 3986 unreserved characters kept).
std::string url_encode(std::string_view value);
// `uri` with `params` appended to its query (before any fragment, which a redirect URI may not
// carry anyway per RFC 6749 §3.1.2).
std::string append_query(std::string_view uri,
                         const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace latchkey::services::oauth
