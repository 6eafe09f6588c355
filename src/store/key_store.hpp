#pragma once
// Key Master signing keys (store/migrations/0002). kids are unique (kDuplicateKid; of
// concurrent inserts of one kid exactly one succeeds) and names case-insensitively
// (kDuplicateName). A key's material never changes after insert: update_key writes only its
// name and document.
//
//   for (const auto& key : keys.list_keys()) { ... }

#include <vector>

#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class KeyStore {
 public:
  virtual ~KeyStore() = default;
  virtual std::vector<domain::SigningKey> list_keys() = 0;
  virtual WriteResult insert_key(const domain::SigningKey& key) = 0;
  virtual WriteResult update_key(const domain::SigningKey& key) = 0;
  virtual bool delete_key(const Uuid& id) = 0;
};

}  // namespace latchkey::store
