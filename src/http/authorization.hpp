#pragma once
// The one reader of the Authorization header (RFC 9110 §11.6.2) and of the access_token cookie,
// for every handler folder: the raw value an API key is (FusionAuth sends the key itself, no
// scheme), a Bearer (or FusionAuth's legacy JWT) access token, and Basic client credentials
// (RFC 7617).
//
//   const auto authorization = parse_authorization(request.header("Authorization"));
//   if (authorization && authorization->is("Basic")) { const auto basic = basic_credentials(...); }
//   const auto jwt = access_token(request);   // header first, then the access_token cookie

#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace latchkey::http {

// A header value split as `scheme 1*SP credentials`. A value without a space is all scheme
// (and, to FusionAuth, possibly an API key: see `raw`).
struct Authorization {
  std::string_view raw;          // the whole value as sent: what an API key is
  std::string_view scheme;       // up to the first space, case as sent
  std::string_view credentials;  // after the spaces that follow the scheme; may be empty

  // Schemes compare case-insensitively (RFC 9110 §11.1).
  [[nodiscard]] bool is(std::string_view name) const;
};

// Nothing when the header is absent or empty.
[[nodiscard]] std::optional<Authorization> parse_authorization(
    std::optional<std::string_view> header);
[[nodiscard]] std::optional<Authorization> authorization(const Request& request);

// The credentials of `Bearer <token>` (RFC 6750 §2.1), when that is the scheme and a token
// follows.
[[nodiscard]] std::optional<std::string_view> bearer_token(const std::optional<Authorization>& a);

// The user's access token where FusionAuth's JWT-authenticated APIs accept it
// (spec/conventions.md §4): `Authorization: Bearer <token>` or the legacy `JWT <token>`; when
// the header carries neither (or no token after the scheme), the access_token cookie. The
// header wins when both are sent.
[[nodiscard]] std::optional<std::string> access_token(const Request& request);

// Whether the header names a JWT scheme (Bearer or JWT) at all, token or not: such a header
// is never an API key where either may be sent.
[[nodiscard]] bool jwt_scheme(const std::optional<Authorization>& authorization);

// `Basic <base64(user-id:password)>` (RFC 7617 §2): the two halves around the first colon,
// as decoded bytes (OAuth form-decodes them further, RFC 6749 §2.3.1). Nothing when the scheme
// is not Basic; a Basic value that is not base64 or has no colon is `malformed`.
struct BasicCredentials {
  std::string user_id;
  std::string password;
};
struct BasicParse {
  std::optional<BasicCredentials> credentials;
  bool malformed = false;
};
[[nodiscard]] BasicParse basic_credentials(const std::optional<Authorization>& authorization);

}  // namespace latchkey::http
