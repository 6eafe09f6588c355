#pragma once
// Users and their login bookkeeping (store/migrations/0001, 0003). Emails and usernames are
// unique per tenant, case-insensitively (kDuplicateEmail, kDuplicateUsername).
//
// Concurrency: the bookkeeping writes are single conditional statements, never a
// read-modify-write of the whole user, so concurrent logins lose nothing: N concurrent
// record_login_failure calls count N failures; of two concurrent claim_totp_step calls for one
// step exactly one returns true; reset_login_failures never lifts a lock a concurrent failure
// just set. update_user writes the whole record (last writer wins).
//
//   if (auto failures = users.record_login_failure(id, now, window, 5, lock_for)) { ... }

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class UserStore {
 public:
  virtual ~UserStore() = default;
  virtual std::optional<domain::User> find_user(const Uuid& id) = 0;
  virtual std::optional<domain::User> find_user_by_email(const Uuid& tenant_id,
                                                         const std::string& email) = 0;
  virtual std::optional<domain::User> find_user_by_username(const Uuid& tenant_id,
                                                            const std::string& username) = 0;
  virtual WriteResult insert_user(const domain::User& user) = 0;
  // Inserts a user and its first registration atomically: both or neither.
  virtual WriteResult insert_user_with_registration(const domain::User& user,
                                                    const domain::Registration& registration) = 0;
  virtual WriteResult update_user(const domain::User& user) = 0;
  virtual bool delete_user(const Uuid& id) = 0;
  virtual std::size_t count_users() = 0;
  // Writes only the failed-login bookkeeping (no read-modify-write of the whole user).
  virtual void update_login_failures(const Uuid& user_id,
                                     const domain::LoginFailures& failures) = 0;
  // Counts one failed login in a single conditional write, so concurrent failures all count
  // (tenant failedAuthenticationConfiguration): the count restarts when its window began more
  // than `reset_after` ago; reaching `threshold` sets locked_until = now + `lock_for` (no lock
  // when `lock_for` is absent) and restarts the count. Answers the bookkeeping as written;
  // nothing when the user is gone.
  virtual std::optional<domain::LoginFailures> record_login_failure(
      const Uuid& user_id, Instant now, std::chrono::milliseconds reset_after, int threshold,
      std::optional<std::chrono::milliseconds> lock_for) = 0;
  // After a successful login: clears the count, and a lock only if it has run out by `now` (a
  // lock a concurrent failure just set stays).
  virtual void reset_login_failures(const Uuid& user_id, Instant now) = 0;
  // RFC 6238 §5.2: records `step_start` (the start of the accepted code's time step) as the
  // user's last accepted TOTP step unless a step at or after it was accepted already. One
  // conditional write: of two concurrent uses of one code exactly one answers true.
  virtual bool claim_totp_step(const Uuid& user_id, Instant step_start) = 0;
  // Stamps lastLoginInstant on the user (and its registration for the application) in place.
  virtual void record_login(const Uuid& user_id, const std::optional<Uuid>& application_id,
                            Instant when) = 0;
};

}  // namespace latchkey::store
