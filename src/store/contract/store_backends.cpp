// The one list of backends the store contract runs against. Adding a backend is one line in
// store_backends(): a name and a function answering a fresh, migrated, empty store.
#include <filesystem>
#include <memory>
#include <string>

#include "store/contract/store_contract.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::store::contract {
namespace {

// The contract is about answers, not durability: on a RAM filesystem a synchronous=FULL commit
// costs no fsync, which keeps the whole binary within seconds.
std::filesystem::path scratch_parent() {
  std::error_code ignored;
  if (std::filesystem::is_directory("/dev/shm", ignored)) return "/dev/shm";
  return std::filesystem::temp_directory_path();
}

// A migrated, empty database made once per process: migrating costs one fsync per
// migration, so each test starts from a copy of this file instead (still migrated on open,
// which finds nothing to do).
const std::string& sqlite_template() {
  static const testing::TempDatabase directory(scratch_parent());
  static const std::string path = [] {
    sqlite::SqliteStore::open(directory.path(), 1);  // closing the last connection checkpoints
    return directory.path();
  }();
  return path;
}

// A new SQLite file in its own temporary directory, removed after the store closes. The
// production pool size, so the concurrency rules meet the same queueing as a server.
OpenedStore open_sqlite() {
  auto database = std::make_shared<testing::TempDatabase>(scratch_parent());
  std::filesystem::copy_file(sqlite_template(), database->path());
  OpenedStore opened;
  opened.store = sqlite::SqliteStore::open(database->path(), 8);
  opened.scratch = std::move(database);
  return opened;
}

}  // namespace

std::vector<StoreBackend> store_backends() {
  return {
      {"Sqlite", open_sqlite},
      // {"Postgres", open_postgres},  // issue 14: a scratch schema per test
  };
}

}  // namespace latchkey::store::contract
