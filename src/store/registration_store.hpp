#pragma once
// Registrations: a user's membership of an application (store/migrations/0001). One per user
// and application (kDuplicateRegistration; of concurrent inserts of the same pair exactly one
// succeeds); kMissingParent when the user or application is gone. A user and its first
// registration are written together by UserStore::insert_user_with_registration.
//
//   for (const auto& registration : registrations.list_registrations(user.id)) { ... }

#include <optional>
#include <vector>

#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class RegistrationStore {
 public:
  virtual ~RegistrationStore() = default;
  virtual std::vector<domain::Registration> list_registrations(const Uuid& user_id) = 0;
  virtual std::optional<domain::Registration> find_registration(const Uuid& user_id,
                                                                const Uuid& application_id) = 0;
  virtual WriteResult insert_registration(const domain::Registration& registration) = 0;
  virtual WriteResult update_registration(const domain::Registration& registration) = 0;
  virtual bool delete_registration(const Uuid& user_id, const Uuid& application_id) = 0;
};

}  // namespace latchkey::store
