#pragma once
// Thin RAII over the SQLite C API: a Connection owns a sqlite3* and a cache of its compiled
// statements; a Statement borrows one of them for one call. Errors other than constraint
// violations are outages and throw store::StoreUnavailable.
//
//   Statement select(connection, "SELECT data FROM tenants WHERE id = ?1");   // cached
//   select.bind(1, id.str());
//   while (select.step()) rows.push_back(select.column_text(0));

#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latchkey::store::sqlite {

// How long a call may wait for the database before it answers StoreUnavailable (503): for a
// free pooled connection, and in SQLite's busy handler for another writer's lock.
inline constexpr std::chrono::milliseconds kDefaultDatabaseWait{5000};

class Connection {
 public:
  // Opens (creating if needed) the database file and applies Latchkey's pragmas:
  // WAL, synchronous=FULL (an answered write survives power loss), foreign keys, and a busy
  // timeout of `busy_wait`, so SQLite never sleeps on a lock for longer than the caller's
  // deadline.
  static Connection open(const std::string& path,
                         std::chrono::milliseconds busy_wait = kDefaultDatabaseWait);

  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  void exec(std::string_view sql);
  [[nodiscard]] sqlite3* handle() const { return db_.get(); }
  [[nodiscard]] std::int64_t changes() const;
  // How many statements this connection has compiled: each SQL text once while it stays cached.
  [[nodiscard]] std::size_t statements_prepared() const;

 private:
  friend class Statement;
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  struct StatementCache;
  explicit Connection(sqlite3* db);
  std::unique_ptr<sqlite3, Closer> db_;
  // Declared after db_, so the cached statements are finalized before the connection closes.
  std::unique_ptr<StatementCache> cache_;
};

// The outcome of stepping a write: done, or refused by a constraint.
struct ConstraintViolation {
  int extended_code;
  std::string
      message;  // SQLite's text, e.g. "UNIQUE constraint failed: users.tenant_id, users.email"
};

// A compiled statement borrowed from the connection's cache for one call (keyed by the SQL
// text; compiled with SQLITE_PREPARE_PERSISTENT the first time). The destructor resets it and
// clears its bindings before handing it back, so no call sees another's parameters and no read
// transaction stays open. Two live Statements of one text on one connection get two compiled
// statements. A Statement must not outlive its Connection.
class Statement {
 public:
  Statement(Connection& connection, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t number);
  Statement& bind_optional(int index, const std::optional<std::string>& text);
  Statement& bind_null(int index);

  // Steps a query: true while there is a row to read.
  bool step();
  // Steps a write to completion; a constraint violation is returned, any other error throws.
  std::optional<ConstraintViolation> execute();
  void reset();

  [[nodiscard]] std::string column_text(int index) const;
  [[nodiscard]] std::optional<std::string> column_optional_text(int index) const;
  [[nodiscard]] std::int64_t column_int(int index) const;
  [[nodiscard]] bool column_is_null(int index) const;
  // The compiled statement, for tests that check it is reused.
  [[nodiscard]] const sqlite3_stmt* handle() const { return statement_.get(); }

  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  using Compiled = std::unique_ptr<sqlite3_stmt, Finalizer>;

 private:
  sqlite3* db_;
  Compiled statement_;
  // Where the statement goes back to (the idle list of its SQL text); null: not cached.
  std::vector<Compiled>* slot_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back unless committed. IMMEDIATE takes the write lock up
// front so two writers never deadlock upgrading a read transaction. Inside an open
// transaction (a unit of work) it is a SAVEPOINT instead: its writes then commit only with the
// outer transaction, and a rollback undoes just its own part.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool nested_ = false;
  bool done_ = false;
};

[[noreturn]] void throw_sqlite_error(sqlite3* db, std::string_view what);

}  // namespace latchkey::store::sqlite
