// The statement cache and the bounded waits of the SQLite layer.
#include "store/sqlite/database.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "core/unavailable.hpp"
#include "store/sqlite/connection_pool.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::store::sqlite {
namespace {

using namespace std::chrono_literals;
using latchkey::testing::TempDatabase;

TEST(StatementCache, AStatementIsPreparedOnceAndReusedAcrossCalls) {
  TempDatabase database;
  Connection connection = Connection::open(database.path());
  const sqlite3_stmt* first = nullptr;
  for (int call = 0; call < 3; ++call) {
    Statement select(connection, "SELECT ?1 + 1");
    select.bind(1, std::int64_t{call});
    ASSERT_TRUE(select.step());
    EXPECT_EQ(select.column_int(0), call + 1);
    if (call == 0) first = select.handle();
    EXPECT_EQ(select.handle(), first) << "call " << call;
  }
  EXPECT_EQ(connection.statements_prepared(), 1U);
}

TEST(StatementCache, AHandedBackStatementIsResetAndKeepsNoBindings) {
  TempDatabase database;
  Connection connection = Connection::open(database.path());
  connection.exec("CREATE TABLE t (v TEXT)");
  connection.exec("INSERT INTO t VALUES ('a'), ('b')");
  {
    Statement select(connection, "SELECT ?1, v FROM t");
    select.bind(1, "secret");
    ASSERT_TRUE(select.step());  // left mid-way: two rows, one read
  }
  // Reset on hand-back: the half-read query is not resumed (and holds no read open), and the
  // next call starts from the first row.
  Statement again(connection, "SELECT ?1, v FROM t");
  ASSERT_TRUE(again.step());
  EXPECT_TRUE(again.column_is_null(0));  // the previous call's parameter was cleared
  EXPECT_EQ(again.column_text(1), "a");
  EXPECT_EQ(connection.statements_prepared(), 1U);
}

TEST(StatementCache, TwoLiveStatementsOfOneTextAreTwoCompiledStatements) {
  TempDatabase database;
  Connection connection = Connection::open(database.path());
  {
    Statement outer(connection, "SELECT 1");
    Statement inner(connection, "SELECT 1");
    EXPECT_NE(outer.handle(), inner.handle());
    ASSERT_TRUE(outer.step());
    ASSERT_TRUE(inner.step());
  }
  EXPECT_EQ(connection.statements_prepared(), 2U);
  { Statement reused(connection, "SELECT 1"); }
  EXPECT_EQ(connection.statements_prepared(), 2U);  // both went back to the cache
}

TEST(StatementCache, EachConnectionHasItsOwnCache) {
  TempDatabase database;
  Connection a = Connection::open(database.path());
  Connection b = Connection::open(database.path());
  { Statement s(a, "SELECT 1"); }
  { Statement s(b, "SELECT 1"); }
  { Statement s(a, "SELECT 1"); }
  EXPECT_EQ(a.statements_prepared(), 1U);
  EXPECT_EQ(b.statements_prepared(), 1U);
}

TEST(DatabaseWait, SqliteBusyTimeoutIsTheDatabaseWait) {
  TempDatabase database;
  Connection connection = Connection::open(database.path(), 250ms);
  Statement timeout(connection, "PRAGMA busy_timeout");
  ASSERT_TRUE(timeout.step());
  EXPECT_EQ(timeout.column_int(0), 250);
}

TEST(DatabaseWait, AnExhaustedPoolAnswersStoreUnavailableAfterTheDeadline) {
  TempDatabase database;
  { Connection create = Connection::open(database.path()); }
  ConnectionPool pool(database.path(), 1, 50ms);
  auto held = pool.acquire();
  const auto started = std::chrono::steady_clock::now();
  // Another request's thread, as in the server: it may wait only until the deadline.
  auto waiting = std::async(std::launch::async, [&pool] { (void)pool.acquire(); });
  EXPECT_THROW(waiting.get(), StoreUnavailable);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 50ms);
}

TEST(DatabaseWait, AReleasedConnectionServesAWaiterBeforeItsDeadline) {
  TempDatabase database;
  { Connection create = Connection::open(database.path()); }
  ConnectionPool pool(database.path(), 1, 10s);
  {
    auto held = pool.acquire();
    auto waiter = std::async(std::launch::async, [&pool] { return &*pool.acquire(); });
    std::this_thread::sleep_for(20ms);  // let the waiter block (not a timing assertion)
    Connection* const first = &*held;
    { auto released = std::move(held); }
    EXPECT_EQ(waiter.get(), first);
  }
}

// The whole chain a request takes: a store call that finds every connection busy throws an
// exception that the HTTP session answers with 503 (core/unavailable.hpp).
TEST(DatabaseWait, AStoreCallOnABusyPoolThrowsAnUnavailable) {
  TempDatabase database;
  auto store = SqliteStore::open(database.path(), 1, 50ms);
  std::promise<void> entered;
  std::promise<void> release;
  auto holder = std::async(std::launch::async, [&] {
    store->in_transaction([&] {
      entered.set_value();
      release.get_future().wait();
      return true;
    });
  });
  entered.get_future().wait();
  EXPECT_THROW((void)store->list_tenants(), Unavailable);
  EXPECT_FALSE(store->healthy());
  release.set_value();
  holder.get();
  EXPECT_TRUE(store->healthy());
}

}  // namespace
}  // namespace latchkey::store::sqlite
