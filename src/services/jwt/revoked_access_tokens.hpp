#pragma once
// Access tokens revoked by jti (RFC 7009 for JWTs): remembered until the token's own exp,
// durably in the store and, for the hot path, in memory.
//
//   RevokedAccessTokens revoked(store, clock);          // loads (and prunes) at start
//   if (revoked.contains(jti)) return unauthorized();   // no database, no lock
//   revoked.revoke(jti, application_id, exp);           // durable first, then visible
//
// Why this shape: every validation (GET /api/jwt/validate runs on the I/O thread, introspect,
// userinfo, JWT-authenticated APIs) asks `contains`, while revocations are rare. Readers therefore
// see an immutable set that a revocation replaces as a whole (copy, add, prune, publish). A
// reader does one atomic load of a generation number; only when it changed does it fetch the new
// set (an atomic shared_ptr load) into a per-thread cache. So the steady state takes no lock at
// all, not even the short internal one libstdc++'s atomic<shared_ptr> uses, and while nothing is
// revoked (generation 0) it does not even hash the jti. Writers are serialised by a mutex that
// only writers take; the O(n) copy is bounded by the tokens revoked within one token lifetime.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "store/revoked_token_store.hpp"

namespace latchkey::services {

class RevokedAccessTokens {
 public:
  RevokedAccessTokens(store::RevokedTokenStore& store, const Clock& clock);

  // Whether the token with this jti was revoked. Lock-free; never touches the store.
  [[nodiscard]] bool contains(std::string_view jti) const;
  // Records the revocation durably (throws StoreUnavailable if it cannot), then publishes it.
  // Entries whose token has expired are dropped from both on the way.
  void revoke(const std::string& jti, const Uuid& application_id, Instant expires);
  // How many entries the published set holds (expired ones linger until the next write).
  [[nodiscard]] std::size_t size() const;

 private:
  struct JtiHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view jti) const noexcept {
      return std::hash<std::string_view>{}(jti);
    }
  };
  // jti -> the token's exp.
  using Set = std::unordered_map<std::string, Instant, JtiHash, std::equal_to<>>;

  void publish(std::shared_ptr<const Set> set);

  store::RevokedTokenStore& store_;
  const Clock& clock_;
  std::mutex write_mutex_;  // writers only: orders copy-and-publish; readers never take it
  std::atomic<std::shared_ptr<const Set>> set_;
  // 0 while the set is empty; otherwise a number unique to this publication (across instances),
  // which keys each reader thread's cached copy of set_.
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace latchkey::services
