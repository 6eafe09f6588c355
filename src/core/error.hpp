#pragma once
// One error type for every layer above core. It carries what the client may see (an HTTP
// status plus FusionAuth's Errors object or an OAuth error) and, separately, what only the
// log may see (log_detail).
//
//   return Error::field(HttpStatus::kBadRequest, "user.email", "[duplicate]user.email", "...");
//   return Error::status(HttpStatus::kNotFound);            // empty body, as FusionAuth does
//   return Error::oauth(HttpStatus::kBadRequest, "invalid_grant", "...", "auth_code_not_found");

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/http_status.hpp"
#include "core/json.hpp"

namespace latchkey {

struct ErrorItem {
  std::string code;
  std::string message;
};

struct OAuthError {
  std::string error;
  std::string description;
  std::string reason;
  // What FusionAuth adds beside the three above so a client can carry on: two_factor_id and
  // two_factor_methods (two_factor_required), change_password_id (change_password_required).
  json::object members;
};

class Error {
 public:
  // A status with no body (FusionAuth's 401 and 404 answers).
  static Error status(HttpStatus status, std::string log_detail = {});
  static Error field(HttpStatus status, const std::string& field, std::string code,
                     std::string message);
  static Error general(HttpStatus status, std::string code, std::string message);
  static Error oauth(HttpStatus status, std::string error, std::string description,
                     std::string reason);

  Error& add_field(const std::string& field, std::string code, std::string message);
  Error& add_general(std::string code, std::string message);
  Error& with_log_detail(std::string detail);
  // Adds a member to the OAuth error body; only meaningful on an Error::oauth.
  Error& with_oauth_member(std::string_view name, json::value value);
  // RFC 9110 §10.2.3: how long the client should wait (a 429 from the login throttle); every
  // renderer sends it as Retry-After.
  Error& with_retry_after(std::chrono::seconds delay);

  [[nodiscard]] HttpStatus http_status() const { return status_; }
  [[nodiscard]] const std::map<std::string, std::vector<ErrorItem>>& field_errors() const {
    return field_errors_;
  }
  [[nodiscard]] const std::vector<ErrorItem>& general_errors() const { return general_errors_; }
  [[nodiscard]] const std::optional<OAuthError>& oauth_error() const { return oauth_; }
  [[nodiscard]] const std::string& log_detail() const { return log_detail_; }
  [[nodiscard]] const std::optional<std::chrono::seconds>& retry_after() const {
    return retry_after_;
  }
  [[nodiscard]] bool has_body() const {
    return !field_errors_.empty() || !general_errors_.empty() || oauth_.has_value();
  }
  [[nodiscard]] bool has_field_error(const std::string& field, const std::string& code) const;
  [[nodiscard]] bool has_general_error(const std::string& code) const;

 private:
  explicit Error(HttpStatus status) : status_(status) {}

  HttpStatus status_;
  std::map<std::string, std::vector<ErrorItem>> field_errors_;
  std::vector<ErrorItem> general_errors_;
  std::optional<OAuthError> oauth_;
  std::string log_detail_;
  std::optional<std::chrono::seconds> retry_after_;
};

// Accumulates field errors during validation so a client sees every problem at once.
class Validation {
 public:
  void add(const std::string& field, std::string code, std::string message);
  [[nodiscard]] bool ok() const { return !error_.has_value(); }
  // The 400 error holding every problem, or nothing when the input was valid.
  [[nodiscard]] std::optional<Error> take() { return std::exchange(error_, std::nullopt); }

 private:
  std::optional<Error> error_;
};

}  // namespace latchkey
