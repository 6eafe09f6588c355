#pragma once
// Pending two-factor challenges (a twoFactorId), found by a keyed hash of the id
// (store/migrations/0003).
//
// Concurrency: take_two_factor_challenge removes and answers the challenge in one transaction,
// so of N concurrent takes of one id exactly one gets it (a twoFactorId completes at most one
// login). record_two_factor_failure counts in one transaction, so concurrent wrong codes are
// all counted and the challenge dies exactly once when the limit is reached.
//
//   if (auto challenge = two_factor.take_two_factor_challenge(hash)) { ... }

#include <optional>
#include <string>

#include "domain/records.hpp"

namespace latchkey::store {

struct TwoFactorFailure {
  int count = 0;          // wrong codes so far, this one included
  bool repeated = false;  // the same wrong code as the last one: not counted again
};

class TwoFactorStore {
 public:
  virtual ~TwoFactorStore() = default;
  virtual void insert_two_factor_challenge(const domain::TwoFactorChallenge& challenge) = 0;
  // Removes and returns the challenge: a twoFactorId completes at most one login.
  virtual std::optional<domain::TwoFactorChallenge> take_two_factor_challenge(
      const std::string& id_hash) = 0;
  virtual std::optional<domain::TwoFactorChallenge> find_two_factor_challenge(
      const std::string& id_hash) = 0;
  // Counts one wrong code (`code_hash`, a keyed hash) against the challenge in one transaction;
  // the same wrong code as the previous one is not counted again (a client's automatic retry of
  // a 421, which the Fetch standard makes). When the count reaches `limit` the challenge is
  // deleted, so the id then answers as an unknown one. Nothing when the challenge is gone.
  virtual std::optional<TwoFactorFailure> record_two_factor_failure(const std::string& id_hash,
                                                                    const std::string& code_hash,
                                                                    int limit) = 0;
};

}  // namespace latchkey::store
