#include "services/jwt/revoked_access_tokens.hpp"

namespace latchkey::services {
namespace {

// Shared by every instance so that a generation names one publication of one instance: a
// thread's cached set can never be mistaken for another instance's.
std::atomic<std::uint64_t> next_generation{1};

}  // namespace

RevokedAccessTokens::RevokedAccessTokens(store::RevokedTokenStore& store, const Clock& clock)
    : store_(store), clock_(clock) {
  auto set = std::make_shared<Set>();
  for (auto& entry : store_.prune_and_list_revoked_access_tokens(clock_.now())) {
    set->emplace(std::move(entry.jti), entry.expires_at);
  }
  publish(std::move(set));
}

bool RevokedAccessTokens::contains(std::string_view jti) const {
  const std::uint64_t generation = generation_.load(std::memory_order_acquire);
  if (generation == 0) return false;
  // Each thread keeps the set it saw last; set_ is stored before generation_, so a set loaded
  // after reading `generation` is at least that new.
  struct Cached {
    std::uint64_t generation = 0;
    std::shared_ptr<const Set> set;
  };
  thread_local Cached cached;
  if (cached.generation != generation) {
    cached.set = set_.load(std::memory_order_acquire);
    cached.generation = generation;
  }
  return cached.set->contains(jti);
}

void RevokedAccessTokens::revoke(const std::string& jti, const Uuid& application_id,
                                 Instant expires) {
  const Instant now = clock_.now();
  // Durable before visible: a revocation answered 200 must survive a restart.
  store_.insert_revoked_access_token({jti, application_id, expires, now}, now);
  const std::lock_guard lock(write_mutex_);
  auto next = std::make_shared<Set>();
  for (const auto& [known, known_expires] : *set_.load(std::memory_order_acquire)) {
    if (known_expires >= now) next->emplace(known, known_expires);
  }
  next->emplace(jti, expires);
  publish(std::move(next));
}

std::size_t RevokedAccessTokens::size() const {
  return set_.load(std::memory_order_acquire)->size();
}

void RevokedAccessTokens::publish(std::shared_ptr<const Set> set) {
  const bool empty = set->empty();
  set_.store(std::move(set), std::memory_order_release);
  generation_.store(empty ? 0 : next_generation.fetch_add(1, std::memory_order_relaxed),
                    std::memory_order_release);
}

}  // namespace latchkey::services
