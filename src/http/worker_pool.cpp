#include "http/worker_pool.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <thread>

namespace latchkey::http {

struct WorkerPool::Impl {
  Impl(std::size_t threads, std::size_t queue_limit)
      : pool(threads), capacity(threads + queue_limit) {}

  boost::asio::thread_pool pool;
  const std::size_t capacity;
  // Running plus waiting jobs. A lock-free counter, so submitting never contends with workers.
  std::atomic<std::size_t> in_flight{0};
};

WorkerPool::WorkerPool(std::size_t threads, std::size_t queue_limit)
    : impl_(std::make_unique<Impl>(std::max<std::size_t>(threads, 1), queue_limit)) {}

WorkerPool::~WorkerPool() { impl_->pool.join(); }

bool WorkerPool::try_submit(Job job) {
  Impl& impl = *impl_;
  // Reserve the slot first: concurrent submitters can then never overshoot the capacity.
  if (impl.in_flight.fetch_add(1, std::memory_order_acq_rel) >= impl.capacity) {
    impl.in_flight.fetch_sub(1, std::memory_order_acq_rel);
    return false;
  }
  boost::asio::post(impl.pool, [&impl, job = std::move(job)]() mutable {
    job();
    impl.in_flight.fetch_sub(1, std::memory_order_acq_rel);
  });
  return true;
}

std::size_t WorkerPool::in_flight() const {
  return impl_->in_flight.load(std::memory_order_acquire);
}

std::size_t default_worker_threads() {
  const std::size_t cores = std::max<std::size_t>(std::thread::hardware_concurrency(), 1);
  return std::max<std::size_t>(4, 2 * cores);
}

}  // namespace latchkey::http
