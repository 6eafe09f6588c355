#include "store/sqlite/connection_pool.hpp"

namespace latchkey::store::sqlite {

ConnectionPool::ConnectionPool(const std::string& path, std::size_t size) {
  idle_.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    idle_.push_back(std::make_unique<Connection>(Connection::open(path)));
  }
}

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
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
