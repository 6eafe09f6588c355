// The OAuth Scope API's rules: ids, defaults and timestamps, name required and unique per
// application, PUT/PATCH keep the name, delete, tenant scoping, and that the Application API
// neither writes nor loses an application's scopes.
#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "services/tenancy/application_service.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class ApplicationScopesTest : public ::testing::Test {
 protected:
  domain::Application app(std::string_view json_text = R"({"name":"Bank"})",
                          const Caller& caller = Caller{}) {
    return f.applications.create(caller, std::nullopt, parse(json_text)).value();
  }
  json::object scope(const Uuid& application, std::string_view json_text,
                     const std::optional<Uuid>& id = std::nullopt) {
    return f.applications.create_scope(f.admin(), application, id, parse(json_text)).value();
  }
  json::array stored_scopes(const Uuid& application) {
    return f.applications.retrieve(f.admin(), application)->data.at("scopes").as_array();
  }
  testing::ServiceFixture f;
};

TEST_F(ApplicationScopesTest, CreateStoresTheScopeOnTheApplicationWithDefaults) {
  const auto bank = app();
  const Uuid id = *Uuid::parse("5e1d3c1a-1b2c-4d5e-8f90-0a1b2c3d4e5f");
  const auto created = scope(bank.id, R"({"name":"balance:read","description":"Balance"})", id);
  EXPECT_EQ(json::get_string(created, "id"), id.str());
  EXPECT_EQ(json::get_string(created, "applicationId"), bank.id.str());
  EXPECT_EQ(json::get_string(created, "name"), "balance:read");
  EXPECT_EQ(json::get_bool(created, "required"), false);
  EXPECT_EQ(json::get_int(created, "insertInstant"), to_epoch_ms(f.clock.now()));
  const auto stored = stored_scopes(bank.id);
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored.front().as_object(), created);
  EXPECT_EQ(*f.applications.retrieve_scope(f.admin(), bank.id, id), created);
  const auto snapshot = f.config.current();
  EXPECT_EQ(snapshot->settings(*snapshot->find_application(bank.id))->oauth.custom_scopes,
            std::vector<std::string>{"balance:read"})
      << "the scope is known to OAuth requests at once";
}

TEST_F(ApplicationScopesTest, NameIsRequiredAndUniqueWithinTheApplication) {
  const auto bank = app();
  const auto blank = f.applications.create_scope(f.admin(), bank.id, std::nullopt,
                                                 parse(R"({"description":"x"})"));
  ASSERT_FALSE(blank);
  EXPECT_TRUE(blank.error().has_field_error("scope.name", "[blank]scope.name"));
  const auto first = scope(bank.id, R"({"name":"balance:read"})");
  const auto twice = f.applications.create_scope(f.admin(), bank.id, std::nullopt,
                                                 parse(R"({"name":"balance:read"})"));
  ASSERT_FALSE(twice);
  EXPECT_TRUE(twice.error().has_field_error("scope.name", "[duplicate]scope.name"));
  const auto same_id = f.applications.create_scope(
      f.admin(), bank.id, Uuid::parse(*json::get_string(first, "id")), parse(R"({"name":"b"})"));
  ASSERT_FALSE(same_id);
  EXPECT_TRUE(same_id.error().has_field_error("scopeId", "[duplicate]scopeId"));
  // Another application may use the same name.
  EXPECT_TRUE(f.applications.create_scope(f.admin(), app(R"({"name":"Other"})").id, std::nullopt,
                                          parse(R"({"name":"balance:read"})")));
  EXPECT_EQ(stored_scopes(bank.id).size(), 1U) << "a refused create stores nothing";
}

TEST_F(ApplicationScopesTest, PutReplacesPatchMergesAndNeitherRenames) {
  const auto bank = app();
  const auto created =
      scope(bank.id, R"({"name":"balance:read","description":"d","required":true})");
  const Uuid id = *Uuid::parse(*json::get_string(created, "id"));
  f.clock.advance(std::chrono::seconds(5));
  const auto put = f.applications.update_scope(
      f.admin(), bank.id, id, parse(R"({"name":"renamed","defaultConsentMessage":"m"})"),
      std::nullopt);
  ASSERT_TRUE(put);
  EXPECT_EQ(json::get_string(*put, "name"), "balance:read");
  EXPECT_EQ(json::get_string(*put, "defaultConsentMessage"), "m");
  EXPECT_FALSE(put->contains("description")) << "PUT replaces";
  EXPECT_EQ(json::get_bool(*put, "required"), false);
  EXPECT_EQ(json::get_int(*put, "insertInstant"), json::get_int(created, "insertInstant"));
  EXPECT_GT(*json::get_int(*put, "lastUpdateInstant"), *json::get_int(created, "insertInstant"));
  const auto merged = f.applications.update_scope(
      f.admin(), bank.id, id, parse(R"({"description":"again"})"), PatchStyle::kLegacyMerge);
  ASSERT_TRUE(merged);
  EXPECT_EQ(json::get_string(*merged, "defaultConsentMessage"), "m") << "PATCH merges";
  EXPECT_EQ(json::get_string(*merged, "description"), "again");
  EXPECT_EQ(*f.applications.retrieve_scope(f.admin(), bank.id, id), *merged);
  const auto missing = f.applications.update_scope(
      f.admin(), bank.id, *Uuid::parse("0f0f0f0f-0000-4000-8000-000000000001"), parse(R"({})"),
      std::nullopt);
  EXPECT_EQ(missing.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(ApplicationScopesTest, DeleteRemovesTheScopeOnly) {
  const auto bank = app();
  const auto keep = scope(bank.id, R"({"name":"keep"})");
  const auto drop = scope(bank.id, R"({"name":"drop"})");
  const Uuid drop_id = *Uuid::parse(*json::get_string(drop, "id"));
  ASSERT_TRUE(f.applications.remove_scope(f.admin(), bank.id, drop_id));
  const auto stored = stored_scopes(bank.id);
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored.front().as_object(), keep);
  EXPECT_EQ(f.applications.remove_scope(f.admin(), bank.id, drop_id).error().http_status(),
            HttpStatus::kNotFound);
  EXPECT_EQ(f.applications.retrieve_scope(f.admin(), bank.id, drop_id).error().http_status(),
            HttpStatus::kNotFound);
}

TEST_F(ApplicationScopesTest, TheApplicationApiNeitherWritesNorLosesScopes) {
  const auto given = app(R"({"name":"Sneaky","scopes":[{"name":"admin:all"}]})");
  EXPECT_TRUE(given.data.at("scopes").as_array().empty()) << "create ignores given scopes";
  const auto bank = app();
  scope(bank.id, R"({"name":"balance:read"})");
  ASSERT_TRUE(f.applications.update(f.admin(), bank.id, parse(R"({"name":"Bank 2","scopes":[]})")));
  ASSERT_TRUE(f.applications.patch(f.admin(), bank.id, parse(R"({"name":"Bank 3"})"),
                                   PatchStyle::kLegacyMerge));
  const auto stored = stored_scopes(bank.id);
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(json::get_string(stored.front().as_object(), "name"), "balance:read");
}

TEST_F(ApplicationScopesTest, AScopedCallerReachesOnlyItsTenantsApplications) {
  const auto second = f.tenants.create(f.admin(), std::nullopt, parse(R"({"name":"Second"})"));
  ASSERT_TRUE(second);
  const auto theirs = app(R"({"name":"Theirs"})", Caller{std::nullopt, f.default_tenant.id});
  const Caller caller{std::nullopt, second->id};
  const auto refused =
      f.applications.create_scope(caller, theirs.id, std::nullopt, parse(R"({"name":"x"})"));
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kNotFound);
  EXPECT_TRUE(stored_scopes(theirs.id).empty());
}

}  // namespace
}  // namespace latchkey::services
