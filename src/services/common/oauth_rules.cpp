#include "services/common/oauth_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "crypto/constant_time.hpp"
#include "crypto/digest.hpp"

namespace latchkey::services::oauth {
namespace {

constexpr std::array<std::string_view, 6> kKnownScopes = {"openid", "offline_access", "profile",
                                                          "email",  "phone",          "address"};

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding; nullopt for a broken %-escape.
std::optional<std::string> form_url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>((high << 4) | low);
      i += 2;
    }
  }
  return out;
}

}  // namespace

Error oauth_error(HttpStatus status, std::string error, std::string description,
                  std::string reason) {
  return Error::oauth(status, std::move(error), std::move(description), std::move(reason));
}

Error invalid_request(std::string description, std::string reason) {
  return oauth_error(HttpStatus::kBadRequest, "invalid_request", std::move(description),
                     std::move(reason));
}

Error invalid_grant(std::string description, std::string reason) {
  return oauth_error(HttpStatus::kBadRequest, "invalid_grant", std::move(description),
                     std::move(reason));
}

Error invalid_client(std::string description, std::string reason) {
  return oauth_error(HttpStatus::kUnauthorized, "invalid_client", std::move(description),
                     std::move(reason));
}

Result<std::vector<std::string>> parse_scopes(const std::optional<std::string>& scope,
                                              const domain::OAuthConfiguration& oauth) {
  std::vector<std::string> scopes;
  if (!scope) return scopes;
  std::string_view rest = *scope;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    const std::string_view item = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    if (item.empty()) continue;
    const bool known = std::ranges::find(kKnownScopes, item) != kKnownScopes.end() ||
                       std::ranges::find(oauth.custom_scopes, item) != oauth.custom_scopes.end();
    if (!known) {
      if (oauth.unknown_scope == domain::UnknownScopePolicy::kRemove) continue;
      if (oauth.unknown_scope != domain::UnknownScopePolicy::kAllow) {
        return fail(oauth_error(HttpStatus::kBadRequest, "invalid_scope",
                                "The requested scope is not known to this application.",
                                "unknown_scope"));
      }
    }
    if (!has_scope(scopes, item)) scopes.emplace_back(item);
  }
  return scopes;
}

std::string join_scopes(const std::vector<std::string>& scopes) {
  std::string joined;
  for (const auto& scope : scopes) {
    if (!joined.empty()) joined += ' ';
    joined += scope;
  }
  return joined;
}

bool has_scope(const std::vector<std::string>& scopes, std::string_view scope) {
  return std::ranges::find(scopes, scope) != scopes.end();
}

bool client_secret_matches(const domain::OAuthConfiguration& oauth, std::string_view presented) {
  const std::string& secret = oauth.client_secret.reveal();
  return !secret.empty() && crypto::constant_time_equals(presented, secret);
}

bool redirect_uri_registered(const domain::OAuthConfiguration& oauth, std::string_view uri) {
  return !uri.empty() && std::ranges::find(oauth.authorized_redirect_urls, uri) !=
                             oauth.authorized_redirect_urls.end();
}

bool grant_enabled(const domain::OAuthConfiguration& oauth, std::string_view grant) {
  return std::ranges::find(oauth.enabled_grants, grant) != oauth.enabled_grants.end();
}

std::optional<std::chrono::seconds> parse_max_age(std::string_view value) {
  // Ten digits cover every age a session can have (over 300 years) without overflow.
  constexpr std::size_t kMaxDigits = 10;
  if (value.empty() || value.size() > kMaxDigits) return std::nullopt;
  std::int64_t seconds = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return std::chrono::seconds(seconds);
}

bool valid_pkce_value(std::string_view value) {
  return value.size() >= 43 && value.size() <= 128 && std::ranges::all_of(value, unreserved);
}

Status check_code_challenge(const domain::OAuthConfiguration& oauth,
                            const std::optional<std::string>& challenge,
                            const std::optional<std::string>& method) {
  const PkcePolicy policy = oauth.pkce;
  if (!challenge || challenge->empty()) {
    if (method && !method->empty()) {
      return fail(invalid_request("A code_challenge_method was sent without a code_challenge.",
                                  "missing_code_challenge"));
    }
    if (policy == PkcePolicy::kRequired) {
      return fail(invalid_request("This application requires PKCE: send a code_challenge.",
                                  "missing_code_challenge"));
    }
    return {};
  }
  if (!valid_pkce_value(*challenge)) {
    return fail(invalid_request("The code_challenge is malformed.", "invalid_pkce_code_challenge"));
  }
  // RFC 7636 §4.3: an absent method means plain.
  const std::string effective = method && !method->empty() ? *method : "plain";
  if (effective == "S256") return {};
  if (effective == "plain" && policy == PkcePolicy::kNotRequired) return {};
  return fail(invalid_request("The code_challenge_method is not supported; use S256.",
                              "invalid_pkce_code_challenge_method"));
}

bool verify_pkce(std::string_view challenge, std::string_view method, std::string_view verifier) {
  if (!valid_pkce_value(verifier)) return false;
  if (method == "S256") {
    return crypto::constant_time_equals(base64::encode_url(crypto::sha256(verifier)), challenge);
  }
  if (method == "plain") return crypto::constant_time_equals(verifier, challenge);
  return false;
}

std::string change_password_reason(std::string_view login_reason) {
  for (const std::string_view known : {"Administrative", "Breached", "Expired", "Validation"}) {
    if (login_reason == known) {
      std::string reason = "change_password_";
      for (const char c : known) {
        reason += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      return reason;
    }
  }
  return "change_password_administrative";
}

std::string left_half_hash(jose::Algorithm algorithm, std::string_view value) {
  using jose::Algorithm;
  std::string digest;
  switch (algorithm) {
    case Algorithm::kHS256:
    case Algorithm::kRS256:
    case Algorithm::kPS256:
    case Algorithm::kES256:
      digest = crypto::sha256(value);
      break;
    case Algorithm::kHS384:
    case Algorithm::kRS384:
    case Algorithm::kPS384:
    case Algorithm::kES384:
      digest = crypto::sha384(value);
      break;
    case Algorithm::kHS512:
    case Algorithm::kRS512:
    case Algorithm::kPS512:
    case Algorithm::kES512:
    // Ed25519 hashes with SHA-512 internally; OIDC (and FusionAuth) use it for EdDSA too.
    case Algorithm::kEdDSA:
      digest = crypto::sha512(value);
      break;
  }
  return base64::encode_url(std::string_view(digest).substr(0, digest.size() / 2));
}

Result<ClientCredentials> client_credentials(const std::optional<std::string_view>& authorization,
                                             const std::optional<std::string>& form_client_id,
                                             const std::optional<std::string>& form_secret) {
  ClientCredentials credentials;
  if (authorization) {
    const std::string_view header = *authorization;
    constexpr std::string_view kBasic = "basic ";
    const bool basic = header.size() > kBasic.size() &&
                       std::equal(kBasic.begin(), kBasic.end(), header.begin(), [](char a, char b) {
                         return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
                       });
    if (basic) {
      const auto decoded = base64::decode(header.substr(kBasic.size()));
      const auto colon = decoded ? decoded->find(':') : std::string::npos;
      // RFC 6749 §2.3.1: both halves are form-urlencoded before they are joined (openid-client
      // sends a UUID client_id as "4b60%2D..."); the first colon separates them.
      const auto id = colon != std::string::npos
                          ? form_url_decode(std::string_view(*decoded).substr(0, colon))
                          : std::nullopt;
      const auto secret = colon != std::string::npos
                              ? form_url_decode(std::string_view(*decoded).substr(colon + 1))
                              : std::nullopt;
      if (!id || !secret || id->find('\0') != std::string::npos ||
          secret->find('\0') != std::string::npos) {
        return fail(invalid_client("The Basic Authorization header is malformed.",
                                   "invalid_client_authentication_scheme"));
      }
      credentials.client_id = *id;
      credentials.client_secret = *secret;
      credentials.from_basic = true;
    }
  }
  if (form_client_id && !form_client_id->empty()) {
    if (credentials.client_id && *credentials.client_id != *form_client_id) {
      return fail(invalid_client("The client_id does not match the Authorization header.",
                                 "client_id_mismatch"));
    }
    credentials.client_id = *form_client_id;
  }
  if (form_secret) {
    if (credentials.from_basic) {
      // RFC 6749 §2.3: a client uses one authentication method per request.
      return fail(invalid_request("Use one client authentication method, not two.",
                                  "invalid_client_authentication"));
    }
    credentials.client_secret = *form_secret;
  }
  return credentials;
}

std::string url_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (unreserved(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

std::string append_query(std::string_view uri,
                         const std::vector<std::pair<std::string, std::string>>& params) {
  const auto hash = uri.find('#');
  const std::string_view base = uri.substr(0, hash);
  std::string out(base);
  char separator = base.find('?') == std::string_view::npos ? '?' : '&';
  if (!base.empty() && (base.back() == '?' || base.back() == '&')) separator = '\0';
  for (const auto& [name, value] : params) {
    if (separator != '\0') out += separator;
    out += url_encode(name);
    out += '=';
    out += url_encode(value);
    separator = '&';
  }
  return out;
}

}  // namespace latchkey::services::oauth
