#include "core/error.hpp"

#include <algorithm>
#include <stdexcept>

namespace latchkey {

Error Error::status(HttpStatus status, std::string log_detail) {
  Error error(status);
  error.log_detail_ = std::move(log_detail);
  return error;
}

Error Error::field(HttpStatus status, const std::string& field, std::string code,
                   std::string message) {
  Error error(status);
  error.add_field(field, std::move(code), std::move(message));
  return error;
}

Error Error::general(HttpStatus status, std::string code, std::string message) {
  Error error(status);
  error.add_general(std::move(code), std::move(message));
  return error;
}

Error Error::oauth(HttpStatus status, std::string error_code, std::string description,
                   std::string reason) {
  Error error(status);
  error.oauth_ = OAuthError{std::move(error_code), std::move(description), std::move(reason), {}};
  return error;
}

Error& Error::with_oauth_member(std::string_view name, json::value value) {
  // A member without an OAuth error would be dropped silently by every renderer: a bug.
  if (!oauth_) throw std::logic_error("an OAuth member on an error that is not an OAuth error");
  oauth_->members[name] = std::move(value);
  return *this;
}

Error& Error::add_field(const std::string& field, std::string code, std::string message) {
  field_errors_[field].push_back({std::move(code), std::move(message)});
  return *this;
}

Error& Error::add_general(std::string code, std::string message) {
  general_errors_.push_back({std::move(code), std::move(message)});
  return *this;
}

Error& Error::with_log_detail(std::string detail) {
  log_detail_ = std::move(detail);
  return *this;
}

Error& Error::with_retry_after(std::chrono::seconds delay) {
  retry_after_ = delay;
  return *this;
}

bool Error::has_field_error(const std::string& field, const std::string& code) const {
  const auto found = field_errors_.find(field);
  if (found == field_errors_.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(),
                     [&](const ErrorItem& item) { return item.code == code; });
}

bool Error::has_general_error(const std::string& code) const {
  return std::any_of(general_errors_.begin(), general_errors_.end(),
                     [&](const ErrorItem& item) { return item.code == code; });
}

void Validation::add(const std::string& field, std::string code, std::string message) {
  if (!error_) {
    error_ = Error::field(HttpStatus::kBadRequest, field, std::move(code), std::move(message));
  } else {
    error_->add_field(field, std::move(code), std::move(message));
  }
}

}  // namespace latchkey
