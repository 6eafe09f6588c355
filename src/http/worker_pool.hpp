#pragma once
// A fixed set of threads running blocking jobs (handlers that touch the database or hash
// passwords), with a bound on how many may be waiting, so a burst of slow requests is refused
// early (503) instead of queueing without end.
//
//   WorkerPool pool(8, 1024);
//   if (!pool.try_submit([&] { ... })) answer_503();

#include <cstddef>
#include <functional>
#include <memory>

namespace latchkey::http {

class WorkerPool {
 public:
  using Job = std::move_only_function<void()>;

  // At most `threads + queue_limit` jobs are accepted at once (running plus waiting).
  WorkerPool(std::size_t threads, std::size_t queue_limit);
  // Finishes every accepted job, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the pool is full; the job is then dropped untouched. A job must not throw.
  [[nodiscard]] bool try_submit(Job job);

  [[nodiscard]] std::size_t in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// max(4, 2 x hardware threads).
[[nodiscard]] std::size_t default_worker_threads();

}  // namespace latchkey::http
