// The unit of work: one BEGIN IMMEDIATE transaction bound to the calling thread, so a service
// can make its change and the outbox rows of the events it raised commit together.
#include <utility>
#include <vector>

#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::store::sqlite {
namespace {

// Hooks waiting for the current thread's outermost transaction to commit. A hook registered
// inside a savepoint that later rolls back still runs: hooks only wake readers, and a reader
// woken for nothing finds nothing.
thread_local std::vector<std::function<void()>> t_after_commit;

}  // namespace

void SqliteStore::in_transaction(const std::function<bool()>& body) {
  if (pool_.bound_to_thread() != nullptr) {
    auto lease = pool_.acquire();
    Transaction savepoint(*lease);
    if (body()) savepoint.commit();
    return;
  }
  auto lease = pool_.acquire();
  pool_.bind_to_thread(&*lease);
  struct Unbind {
    ConnectionPool& pool;
    ~Unbind() {
      pool.bind_to_thread(nullptr);
      t_after_commit.clear();
    }
  } unbind{pool_};
  Transaction transaction(*lease);
  if (!body()) return;  // the Transaction rolls back, the hooks are dropped
  transaction.commit();
  auto hooks = std::exchange(t_after_commit, {});
  pool_.bind_to_thread(nullptr);
  for (auto& hook : hooks) hook();
}

void SqliteStore::after_commit(std::function<void()> hook) {
  if (pool_.bound_to_thread() == nullptr) {
    hook();
    return;
  }
  t_after_commit.push_back(std::move(hook));
}

}  // namespace latchkey::store::sqlite
