#pragma once
// Applications (store/migrations/0001), each in one tenant (kMissingParent when the tenant is
// gone). Each call is atomic on its own; concurrent writers of one application leave the last
// write. Deleting an application removes its registrations with it.
//
//   for (const auto& application : applications.list_applications()) { ... }

#include <optional>
#include <vector>

#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class ApplicationStore {
 public:
  virtual ~ApplicationStore() = default;
  virtual std::vector<domain::Application> list_applications() = 0;
  virtual std::optional<domain::Application> find_application(const Uuid& id) = 0;
  virtual WriteResult insert_application(const domain::Application& application) = 0;
  virtual WriteResult update_application(const domain::Application& application) = 0;
  virtual bool delete_application(const Uuid& id) = 0;
};

}  // namespace latchkey::store
