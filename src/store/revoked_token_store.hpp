#pragma once
// Access tokens revoked by their jti (store/migrations/0007_revoked_access_tokens.sql). An
// entry is worthless once its token has expired, so both calls prune those first, in the same
// transaction. Revoking one jti twice (or concurrently) keeps one entry, the first.
//
//   revoked.insert_revoked_access_token({jti, application_id, exp, now}, now);

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/uuid.hpp"

namespace latchkey::store {

// An access token revoked by its jti (store/migrations/0007_revoked_access_tokens.sql).
struct RevokedAccessToken {
  std::string jti;
  Uuid application_id;
  Instant expires_at;  // the token's exp: the entry is worthless after it
  Instant revoked_at;
};

class RevokedTokenStore {
 public:
  virtual ~RevokedTokenStore() = default;
  // Records the revocation (a second one of the same jti keeps the first) and, in the same
  // transaction, removes every entry whose token expired before `now`.
  virtual void insert_revoked_access_token(const RevokedAccessToken& token, Instant now) = 0;
  // Removes the entries whose token expired before `now` and answers the rest.
  virtual std::vector<RevokedAccessToken> prune_and_list_revoked_access_tokens(Instant now) = 0;
};

}  // namespace latchkey::store
