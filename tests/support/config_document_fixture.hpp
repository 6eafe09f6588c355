#pragma once
// A ConfigDocumentService on a fresh SQLite file and a FakeClock, for the kinds' rule tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "fake_clock.hpp"
#include "services/configuration/config_document_service.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::services {

class ConfigDocumentTest : public ::testing::Test {
 protected:
  testing::TempDatabase database;
  testing::FakeClock clock;
  std::unique_ptr<store::Store> store = store::sqlite::SqliteStore::open(database.path(), 2);
  ConfigDocumentService documents{*store, clock};
  Caller global;  // a caller with no key (kickstart-like) sees everything

  static json::object parse(std::string_view text) { return *json::parse_object(text); }

  Result<json::object> create(ConfigKind kind, std::string_view text,
                              std::optional<Uuid> id = std::nullopt) {
    return documents.create(global, kind, id, parse(text));
  }
  static Caller tenant_locked() {
    Caller caller;
    caller.api_key = domain::ApiKey{*Uuid::parse("00000000-0000-4000-8000-0000000000ee"),
                                    "key",
                                    *Uuid::parse("00000000-0000-4000-8000-00000000000a"),
                                    false,
                                    {}};
    return caller;
  }
};

// Whether a failed result carries `code` under `field`.
template <class T>
bool has_field_error(const Result<T>& result, const std::string& field, const std::string& code) {
  return !result && result.error().has_field_error(field, code);
}

}  // namespace latchkey::services
