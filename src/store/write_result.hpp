#pragma once
// The vocabulary every store interface shares. A store answers an expected refusal (a
// uniqueness rule, a vanished parent) as a WriteResult value, and throws StoreUnavailable when
// the database cannot serve the call (down, busy past its deadline, a corrupt row); the HTTP
// session answers that with 503.
//
//   if (auto written = tenants.insert_tenant(tenant); !written) return duplicate(written.error());

#include <expected>

#include "core/unavailable.hpp"

namespace latchkey::store {

// Why a write was refused by a uniqueness rule.
enum class Conflict {
  kDuplicateId,
  kDuplicateName,
  kDuplicateEmail,
  kDuplicateUsername,
  kDuplicateKey,
  kDuplicateRegistration,
  kDuplicateKid,
  kDuplicateLink,  // the external identity is already linked (a concurrent reconcile won)
  kMissingParent,  // e.g. the tenant or user the record belongs to is gone
};

using WriteResult = std::expected<void, Conflict>;

// The database cannot serve the call now. An Unavailable, so every front door answers 503.
class StoreUnavailable : public Unavailable {
 public:
  using Unavailable::Unavailable;
};

}  // namespace latchkey::store
