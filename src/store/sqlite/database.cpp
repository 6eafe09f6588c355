#include "store/sqlite/database.hpp"

#include <functional>
#include <string>
#include <unordered_map>

#include "store/write_result.hpp"

namespace latchkey::store::sqlite {
namespace {

// Every SQL text in the store is a constant or built from constants, so the cache holds a
// bounded set; the cap only guards against a future caller building texts from data.
constexpr std::size_t kMaxCachedTexts = 512;

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

}  // namespace

// The compiled statements not in use, per SQL text. Node-based, so a slot's address is stable
// while Statements point at it.
struct Connection::StatementCache {
  std::unordered_map<std::string, std::vector<Statement::Compiled>, TextHash, std::equal_to<>> idle;
  std::size_t prepared = 0;
};

Connection::Connection(sqlite3* db) : db_(db), cache_(std::make_unique<StatementCache>()) {}

Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() = default;

std::size_t Connection::statements_prepared() const { return cache_ ? cache_->prepared : 0; }

void throw_sqlite_error(sqlite3* db, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  throw StoreUnavailable(message);
}

Connection Connection::open(const std::string& path, std::chrono::milliseconds busy_wait) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection connection(raw);
  if (rc != SQLITE_OK) throw_sqlite_error(raw, "cannot open database " + path);
  sqlite3_extended_result_codes(raw, 1);
  connection.exec("PRAGMA busy_timeout = " + std::to_string(busy_wait.count()));
  connection.exec("PRAGMA journal_mode = WAL");
  connection.exec("PRAGMA synchronous = FULL");
  connection.exec("PRAGMA foreign_keys = ON");
  return connection;
}

void Connection::exec(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw StoreUnavailable("sqlite exec failed: " + message);
  }
}

std::int64_t Connection::changes() const { return sqlite3_changes64(db_.get()); }

Statement::Statement(Connection& connection, std::string_view sql) : db_(connection.handle()) {
  auto& cache = *connection.cache_;
  auto found = cache.idle.find(sql);
  if (found == cache.idle.end() && cache.idle.size() < kMaxCachedTexts) {
    found = cache.idle.emplace(std::string(sql), std::vector<Compiled>{}).first;
  }
  if (found != cache.idle.end()) {
    slot_ = &found->second;
    if (!slot_->empty()) {
      statement_ = std::move(slot_->back());
      slot_->pop_back();
      return;
    }
  }
  sqlite3_stmt* raw = nullptr;
  // PERSISTENT: the statement is kept for reuse, so SQLite takes its memory from the heap
  // rather than the lookaside pool meant for short-lived ones.
  const unsigned int flags = slot_ != nullptr ? SQLITE_PREPARE_PERSISTENT : 0;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), flags, &raw, nullptr) !=
      SQLITE_OK) {
    throw_sqlite_error(db_, "cannot prepare statement");
  }
  statement_.reset(raw);
  ++cache.prepared;
}

Statement::~Statement() {
  if (!statement_ || slot_ == nullptr) return;
  // Ends the statement's read (or write) and forgets this call's parameters before reuse.
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
  try {
    slot_->push_back(std::move(statement_));
  } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; the statement is finalized
  }
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    throw_sqlite_error(db_, "bind failed");
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t number) {
  if (sqlite3_bind_int64(statement_.get(), index, number) != SQLITE_OK) {
    throw_sqlite_error(db_, "bind failed");
  }
  return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_.get(), index) != SQLITE_OK) {
    throw_sqlite_error(db_, "bind failed");
  }
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite_error(db_, "query failed");
}

std::optional<ConstraintViolation> Statement::execute() {
  const int rc = sqlite3_step(statement_.get());
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return std::nullopt;
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) {
    return ConstraintViolation{rc, sqlite3_errmsg(db_)};
  }
  throw_sqlite_error(db_, "write failed");
}

void Statement::reset() {
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_.get(), index);
  const int size = sqlite3_column_bytes(statement_.get(), index);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_text(index);
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(statement_.get(), index);
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(statement_.get(), index) == SQLITE_NULL;
}

Transaction::Transaction(Connection& connection)
    : connection_(connection), nested_(sqlite3_get_autocommit(connection.handle()) == 0) {
  connection_.exec(nested_ ? "SAVEPOINT latchkey_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    connection_.exec(nested_ ? "ROLLBACK TO latchkey_nested; RELEASE latchkey_nested" : "ROLLBACK");
  } catch (...) {  // NOLINT(bugprone-empty-catch): a failed rollback leaves SQLite to undo it
  }
}

void Transaction::commit() {
  connection_.exec(nested_ ? "RELEASE latchkey_nested" : "COMMIT");
  done_ = true;
}

}  // namespace latchkey::store::sqlite
