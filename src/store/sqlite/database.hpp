#pragma once
// Thin RAII over the SQLite C API: a Connection owns a sqlite3*, a Statement a sqlite3_stmt*.
// Errors other than constraint violations are outages and throw store::StoreUnavailable.
//
//   Statement select(connection, "SELECT data FROM tenants WHERE id = ?1");
//   select.bind(1, id.str());
//   while (select.step()) rows.push_back(select.column_text(0));

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace latchkey::store::sqlite {

class Connection {
 public:
  // Opens (creating if needed) the database file and applies Latchkey's pragmas:
  // WAL, synchronous=FULL (an answered write survives power loss), busy_timeout, foreign keys.
  static Connection open(const std::string& path);

  void exec(std::string_view sql);
  [[nodiscard]] sqlite3* handle() const { return db_.get(); }
  [[nodiscard]] std::int64_t changes() const;

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  explicit Connection(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

// The outcome of stepping a write: done, or refused by a constraint.
struct ConstraintViolation {
  int extended_code;
  std::string
      message;  // SQLite's text, e.g. "UNIQUE constraint failed: users.tenant_id, users.email"
};

class Statement {
 public:
  Statement(const Connection& connection, std::string_view sql);

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

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
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
