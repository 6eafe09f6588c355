#include "store/sqlite/connection_pool.hpp"

#include <string>

#include "store/write_result.hpp"

namespace latchkey::store::sqlite {
namespace {

// The connection the current thread bound, and the pool it came from (tests open several
// stores in one process, so the pool is part of the key).
struct ThreadBinding {
  const ConnectionPool* pool = nullptr;
  Connection* connection = nullptr;
};
thread_local ThreadBinding t_binding;

}  // namespace

ConnectionPool::ConnectionPool(const std::string& path, std::size_t size,
                               std::chrono::milliseconds wait)
    : wait_(wait) {
  idle_.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    idle_.push_back(std::make_unique<Connection>(Connection::open(path, wait)));
  }
}

ConnectionPool::Lease::~Lease() {
  if (owned_ && pool_ != nullptr) pool_->release(std::move(owned_));
}

void ConnectionPool::bind_to_thread(Connection* connection) {
  t_binding = connection != nullptr ? ThreadBinding{this, connection} : ThreadBinding{};
}

Connection* ConnectionPool::bound_to_thread() const {
  return t_binding.pool == this ? t_binding.connection : nullptr;
}

ConnectionPool::Lease ConnectionPool::acquire() {
  if (Connection* bound = bound_to_thread()) return Lease(*bound);
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, wait_, [this] { return !idle_.empty(); })) {
    throw StoreUnavailable("no database connection came free within " +
                           std::to_string(wait_.count()) + " ms");
  }
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(connection));
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace latchkey::store::sqlite
