// The System Configuration API's rules against a real SQLite store.
#include "services/system/system_configuration_service.hpp"

#include <gtest/gtest.h>

#include "fake_clock.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::services {
namespace {

using std::chrono::seconds;

const Uuid kKeyId = *Uuid::parse("00000000-0000-4000-8000-000000000001");
const Caller kGlobal{.api_key = domain::ApiKey{kKeyId, "global", std::nullopt, true, {}},
                     .tenant_header = std::nullopt};

Caller tenant_locked() {
  const auto tenant = *Uuid::parse("00000000-0000-4000-8000-00000000000a");
  return {.api_key = domain::ApiKey{kKeyId, "locked", tenant, true, {}},
          .tenant_header = std::nullopt};
}

class SystemConfigurationServiceTest : public ::testing::Test {
 protected:
  testing::TempDatabase database;
  testing::FakeClock clock;
  std::unique_ptr<store::Store> store = store::sqlite::SqliteStore::open(database.path(), 2);
  SystemConfigurationService service{*store, clock};

  void SetUp() override { service.ensure_defaults(); }

  json::object valid() { return *service.retrieve(kGlobal); }

  static json::object cors(json::object members) {
    json::object doc{{"reportTimezone", "America/Denver"}};
    doc["corsConfiguration"] = std::move(members);
    return doc;
  }
};

TEST_F(SystemConfigurationServiceTest, AFreshInstallHasFusionAuthsDefaults) {
  const auto doc = valid();
  EXPECT_EQ(json::get_string(doc, "reportTimezone"), "America/Denver");
  EXPECT_EQ(json::get_bool(doc, "corsConfiguration.enabled"), false);
  EXPECT_EQ(json::get_bool(doc, "corsConfiguration.allowCredentials"), false);
  EXPECT_EQ(json::get_int(doc, "corsConfiguration.preflightMaxAgeInSeconds"), 1800);
  EXPECT_EQ(*json::get_array(doc, "corsConfiguration.allowedMethods"),
            (json::array{"GET", "OPTIONS"}));
  EXPECT_EQ(json::get_array(doc, "corsConfiguration.allowedHeaders")->size(), 9U);
  EXPECT_TRUE(json::get_array(doc, "corsConfiguration.allowedOrigins")->empty());
  EXPECT_EQ(json::get_int(doc, "eventLogConfiguration.numberToRetain"), 10000);
  EXPECT_EQ(json::get_int(doc, "auditLogConfiguration.delete.numberOfDaysToRetain"), 365);
  EXPECT_EQ(json::get_string(doc, "trustedProxyConfiguration.trustPolicy"), "All");
  EXPECT_EQ(json::get_int(doc, "insertInstant"), to_epoch_ms(clock.now()));
  EXPECT_FALSE(service.current()->cors.enabled);
}

TEST_F(SystemConfigurationServiceTest, EnsureDefaultsNeverOverwritesAStoredConfiguration) {
  ASSERT_TRUE(service.patch(kGlobal, json::object{{"reportTimezone", "Europe/Paris"}},
                            PatchStyle::kLegacyMerge));
  SystemConfigurationService restarted{*store, clock};
  restarted.ensure_defaults();
  EXPECT_EQ(json::get_string(*restarted.retrieve(kGlobal), "reportTimezone"), "Europe/Paris");
}

TEST_F(SystemConfigurationServiceTest, AnUpdateIsStoredAndPublishedAtOnce) {
  clock.advance(seconds(5));
  auto doc = cors(json::object{{"enabled", true},
                               {"allowedOrigins", json::array{"http://localhost:3000"}},
                               {"allowedMethods", json::array{"GET", "POST"}}});
  const auto updated = service.update(kGlobal, doc);
  ASSERT_TRUE(updated) << updated.error().log_detail();
  EXPECT_TRUE(service.current()->cors.enabled);
  EXPECT_EQ(service.current()->cors.allowed_origins,
            (std::vector<std::string>{"http://localhost:3000"}));
  // Left out: FusionAuth's defaults.
  EXPECT_EQ(json::get_int(*updated, "corsConfiguration.preflightMaxAgeInSeconds"), 1800);
  EXPECT_EQ(json::get_int(*updated, "eventLogConfiguration.numberToRetain"), 10000);
  EXPECT_EQ(json::get_int(*updated, "lastUpdateInstant"), to_epoch_ms(clock.now()));
  EXPECT_LT(*json::get_int(*updated, "insertInstant"), to_epoch_ms(clock.now()));
  // Durable: a new service over the same store reads it back.
  SystemConfigurationService restarted{*store, clock};
  EXPECT_EQ(*restarted.retrieve(kGlobal), *updated);
  EXPECT_TRUE(restarted.current()->cors.enabled);
}

TEST_F(SystemConfigurationServiceTest, PutRequiresTheReportTimezone) {
  const auto result = service.update(kGlobal, json::object{{"data", json::object{}}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(result.error().has_field_error("systemConfiguration.reportTimezone",
                                             "[missing]systemConfiguration.reportTimezone"));
}

TEST_F(SystemConfigurationServiceTest, AnUnknownTimezoneIsInvalid) {
  const auto result = service.update(kGlobal, json::object{{"reportTimezone", "Mars/Olympus"}});
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("systemConfiguration.reportTimezone",
                                             "[invalid]systemConfiguration.reportTimezone"));
  for (const auto* zone : {"UTC", "Europe/Paris", "US/Mountain", "+02:00", "UTC-05:00"}) {
    EXPECT_TRUE(service.update(kGlobal, json::object{{"reportTimezone", zone}})) << zone;
  }
  EXPECT_FALSE(service.update(kGlobal, json::object{{"reportTimezone", "../../etc/passwd"}}));
}

TEST_F(SystemConfigurationServiceTest, ARefusedUpdateChangesNothing) {
  const auto before = valid();
  auto doc = cors(json::object{{"enabled", true}, {"preflightMaxAgeInSeconds", -2}});
  const auto result = service.update(kGlobal, doc);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.corsConfiguration.preflightMaxAgeInSeconds",
      "[tooSmall]systemConfiguration.corsConfiguration.preflightMaxAgeInSeconds"));
  EXPECT_EQ(valid(), before);
  EXPECT_FALSE(service.current()->cors.enabled);
  EXPECT_EQ(*store->find_system_configuration(), before);
}

TEST_F(SystemConfigurationServiceTest, TheWildcardOriginStandsAlone) {
  const auto result = service.update(
      kGlobal, cors(json::object{{"allowedOrigins", json::array{"*", "https://a.example"}}}));
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.corsConfiguration.allowedOrigins",
      "[invalid]systemConfiguration.corsConfiguration.allowedOrigins"));
  EXPECT_TRUE(service.update(kGlobal, cors(json::object{{"allowedOrigins", json::array{"*"}}})));
}

TEST_F(SystemConfigurationServiceTest, AnOriginMustBeAnOrigin) {
  const auto result = service.update(
      kGlobal, cors(json::object{{"allowedOrigins", json::array{"https://a.example/path"}}}));
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.corsConfiguration.allowedOrigins",
      "[invalid]systemConfiguration.corsConfiguration.allowedOrigins"));
}

TEST_F(SystemConfigurationServiceTest, MethodsMustBeFusionAuthsHttpMethods) {
  const auto result =
      service.update(kGlobal, cors(json::object{{"allowedMethods", json::array{"GET", "TRACE"}}}));
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.corsConfiguration.allowedMethods",
      "[invalid]systemConfiguration.corsConfiguration.allowedMethods"));
}

TEST_F(SystemConfigurationServiceTest, HeaderListsHoldOnlyHeaderNames) {
  // Security: these are written into response headers.
  const auto result = service.update(
      kGlobal, cors(json::object{{"exposedHeaders", json::array{"X-Ok", "X-Bad\r\nSet-Cookie: a"}},
                                 {"allowedHeaders", json::array{"a b"}}}));
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.corsConfiguration.exposedHeaders",
      "[invalid]systemConfiguration.corsConfiguration.exposedHeaders"));
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.corsConfiguration.allowedHeaders",
      "[invalid]systemConfiguration.corsConfiguration.allowedHeaders"));
}

TEST_F(SystemConfigurationServiceTest, RetentionMustBePositiveWhenDeletionIsEnabled) {
  json::object doc{
      {"reportTimezone", "UTC"},
      {"auditLogConfiguration",
       json::object{{"delete", json::object{{"enabled", true}, {"numberOfDaysToRetain", 0}}}}},
      {"eventLogConfiguration", json::object{{"numberToRetain", 0}}}};
  const auto result = service.update(kGlobal, doc);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.auditLogConfiguration.delete.numberOfDaysToRetain",
      "[invalid]systemConfiguration.auditLogConfiguration.delete.numberOfDaysToRetain"));
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.eventLogConfiguration.numberToRetain",
      "[invalid]systemConfiguration.eventLogConfiguration.numberToRetain"));
}

TEST_F(SystemConfigurationServiceTest, TrustedProxiesMustBeAddressesOrNetworks) {
  json::object doc{
      {"reportTimezone", "UTC"},
      {"trustedProxyConfiguration", json::object{{"trustPolicy", "OnlyConfigured"},
                                                 {"trusted", json::array{"10.0.0.0/8", "nope"}}}}};
  const auto result = service.update(kGlobal, doc);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error(
      "systemConfiguration.trustedProxyConfiguration.trusted[1]",
      "[invalid]systemConfiguration.trustedProxyConfiguration.trusted"));
}

TEST_F(SystemConfigurationServiceTest, AValueOfTheWrongTypeIsInvalidJson) {
  const auto result =
      service.update(kGlobal, cors(json::object{{"enabled", json::object{{"x", 1}}}}));
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("systemConfiguration.corsConfiguration.enabled",
                                             "[invalidJSON]"));
}

TEST_F(SystemConfigurationServiceTest, PatchMergesIntoTheStoredConfiguration) {
  const auto patched = service.patch(
      kGlobal,
      json::object{{"corsConfiguration",
                    json::object{{"enabled", true},
                                 {"allowedMethods", json::array{"GET", "POST", "OPTIONS"}},
                                 {"allowedOrigins", json::array{"http://localhost:8080"}}}}},
      PatchStyle::kLegacyMerge);
  ASSERT_TRUE(patched) << patched.error().log_detail();
  EXPECT_EQ(json::get_string(*patched, "reportTimezone"), "America/Denver");
  EXPECT_EQ(json::get_int(*patched, "corsConfiguration.preflightMaxAgeInSeconds"), 1800);
  // Appended to the defaults, without repeating them.
  EXPECT_EQ(*json::get_array(*patched, "corsConfiguration.allowedMethods"),
            (json::array{"GET", "OPTIONS", "POST"}));
  EXPECT_TRUE(service.current()->cors.enabled);
}

TEST_F(SystemConfigurationServiceTest, AMergePatchReplacesArrays) {
  const auto patched = service.patch(
      kGlobal,
      json::object{{"corsConfiguration", json::object{{"allowedMethods", json::array{"POST"}}}}},
      PatchStyle::kMergePatch);
  ASSERT_TRUE(patched);
  EXPECT_EQ(*json::get_array(*patched, "corsConfiguration.allowedMethods"), (json::array{"POST"}));
}

TEST_F(SystemConfigurationServiceTest, ATenantLockedKeyCanNeitherReadNorChangeIt) {
  const auto before = valid();
  EXPECT_EQ(service.retrieve(tenant_locked()).error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_EQ(service.update(tenant_locked(), json::object{{"reportTimezone", "UTC"}})
                .error()
                .http_status(),
            HttpStatus::kUnauthorized);
  EXPECT_EQ(
      service
          .patch(tenant_locked(), json::object{{"reportTimezone", "UTC"}}, PatchStyle::kLegacyMerge)
          .error()
          .http_status(),
      HttpStatus::kUnauthorized);
  EXPECT_EQ(valid(), before);
}

}  // namespace
}  // namespace latchkey::services
