#pragma once
// A fixed set of SQLite connections handed out one request at a time. The mutex guards only
// the free list (a push or a pop), never a query, so it is not a lock on the request path's
// work; SQLite's own WAL locking orders the writers.
//
// Waiting has a deadline: acquire() throws StoreUnavailable (an HTTP 503) when no connection
// comes free within `wait`, never an unbounded wait. The same `wait` is every connection's
// SQLite busy timeout. App sizes the pool from the worker pool (app/app.cpp), so a worker
// waits here only when a background task or a unit of work holds an extra connection.
//
// A thread may bind one leased connection to itself (a unit of work, SqliteStore::
// in_transaction): until it unbinds, every acquire() on that thread answers the bound
// connection without taking it from the pool, so nested store calls share its transaction.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/database.hpp"

namespace latchkey::store::sqlite {

class ConnectionPool {
 public:
  ConnectionPool(const std::string& path, std::size_t size,
                 std::chrono::milliseconds wait = kDefaultDatabaseWait);

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), owned_(std::move(connection)), connection_(owned_.get()) {}
    // A borrowed lease of the thread's bound connection: releasing it returns nothing.
    explicit Lease(Connection& bound) : pool_(nullptr), connection_(&bound) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_; }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> owned_;
    Connection* connection_;
  };

  // The thread's bound connection, else a free one; throws StoreUnavailable after `wait`.
  Lease acquire();

  // Binds `connection` to the calling thread for this pool (nullptr unbinds).
  void bind_to_thread(Connection* connection);
  [[nodiscard]] Connection* bound_to_thread() const;

 private:
  void release(std::unique_ptr<Connection> connection);

  std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace latchkey::store::sqlite
