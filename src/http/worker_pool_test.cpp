#include "http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace latchkey::http {
namespace {

TEST(WorkerPool, RunsAcceptedJobs) {
  std::atomic<int> done{0};
  {
    WorkerPool pool(2, 8);
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(pool.try_submit([&done] { ++done; }));
    }
  }  // the destructor finishes every accepted job
  EXPECT_EQ(done.load(), 5);
}

TEST(WorkerPool, RefusesJobsBeyondThreadsPlusQueueLimit) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  WorkerPool pool(1, 1);
  EXPECT_TRUE(pool.try_submit([released] { released.wait(); }));
  EXPECT_TRUE(pool.try_submit([released] { released.wait(); }));
  EXPECT_FALSE(pool.try_submit([] {}));
  EXPECT_EQ(pool.in_flight(), 2U);
  release.set_value();
}

TEST(WorkerPool, DefaultThreadCountIsAtLeastFour) { EXPECT_GE(default_worker_threads(), 4U); }

}  // namespace
}  // namespace latchkey::http
