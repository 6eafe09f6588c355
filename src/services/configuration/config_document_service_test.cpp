// The shared CRUD every configuration kind gets (config_document_service.hpp), shown on lambdas
// and email templates: ids, instants, duplicates, not found, PUT/PATCH, fixed members,
// tenant-locked keys, no half-written records, and the once-per-database defaults.
#include "services/configuration/config_document_service.hpp"

#include "config_document_fixture.hpp"

namespace latchkey::services {
namespace {

using enum ConfigKind;

constexpr std::string_view kPopulate =
    R"({"name": "Populate", "type": "JWTPopulate", "body": "function populate(jwt) {}"})";
const Uuid kId = *Uuid::parse("00000000-0000-4000-8000-000000000001");

TEST_F(ConfigDocumentTest, CreateWithAPathIdStampsIdAndInstants) {
  const auto created = create(kLambda, kPopulate, kId);
  ASSERT_TRUE(created);
  EXPECT_EQ(json::get_string(*created, "id"), kId.str());
  EXPECT_EQ(json::get_int(*created, "insertInstant"), to_epoch_ms(clock.now()));
  EXPECT_EQ(json::get_int(*created, "lastUpdateInstant"), to_epoch_ms(clock.now()));
  const auto found = documents.retrieve(global, kLambda, kId);
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, *created);
}

TEST_F(ConfigDocumentTest, CreateWithoutAnIdChoosesARandomOne) {
  const auto a = create(kLambda, kPopulate);
  const auto b = create(kLambda, kPopulate);
  ASSERT_TRUE(a && b);
  EXPECT_NE(json::get_string(*a, "id"), json::get_string(*b, "id"));
}

TEST_F(ConfigDocumentTest, ASecondCreateWithTheSameIdIsADuplicate) {
  ASSERT_TRUE(create(kLambda, kPopulate, kId));
  const auto again = create(kLambda, kPopulate, kId);
  EXPECT_TRUE(has_field_error(again, "lambdaId", "[duplicate]lambdaId"));
}

TEST_F(ConfigDocumentTest, AnUnknownIdIsNotFoundForEveryMethod) {
  EXPECT_EQ(documents.retrieve(global, kLambda, kId).error().http_status(), HttpStatus::kNotFound);
  EXPECT_EQ(documents.update(global, kLambda, kId, parse(kPopulate)).error().http_status(),
            HttpStatus::kNotFound);
  EXPECT_EQ(
      documents.patch(global, kLambda, kId, {}, PatchStyle::kMergePatch).error().http_status(),
      HttpStatus::kNotFound);
  EXPECT_EQ(documents.remove(global, kLambda, kId).error().http_status(), HttpStatus::kNotFound);
}

TEST_F(ConfigDocumentTest, UpdateReplacesKeepsInsertInstantAndFixedMembers) {
  ASSERT_TRUE(create(kLambda, kPopulate, kId));
  const auto inserted = clock.now();
  clock.advance(std::chrono::seconds(5));
  const auto updated = documents.update(
      global, kLambda, kId,
      parse(R"({"name": "Renamed", "type": "UserInfoPopulate", "body": "function x() {}"})"));
  ASSERT_TRUE(updated);
  EXPECT_EQ(json::get_string(*updated, "name"), "Renamed");
  EXPECT_EQ(json::get_string(*updated, "type"), "JWTPopulate");  // fixed at creation
  EXPECT_EQ(json::get_int(*updated, "insertInstant"), to_epoch_ms(inserted));
  EXPECT_EQ(json::get_int(*updated, "lastUpdateInstant"), to_epoch_ms(clock.now()));
}

TEST_F(ConfigDocumentTest, PatchMergesIntoTheStoredDocument) {
  ASSERT_TRUE(create(kLambda, kPopulate, kId));
  const auto patched =
      documents.patch(global, kLambda, kId, parse(R"({"debug": true})"), PatchStyle::kMergePatch);
  ASSERT_TRUE(patched);
  EXPECT_EQ(json::get_bool(*patched, "debug"), true);
  EXPECT_EQ(json::get_string(*patched, "name"), "Populate");
}

TEST_F(ConfigDocumentTest, AnInvalidUpdateWritesNothing) {
  ASSERT_TRUE(create(kLambda, kPopulate, kId));
  const auto refused =
      documents.patch(global, kLambda, kId, parse(R"({"name": ""})"), PatchStyle::kMergePatch);
  EXPECT_TRUE(has_field_error(refused, "lambda.name", "[blank]lambda.name"));
  EXPECT_EQ(json::get_string(*documents.retrieve(global, kLambda, kId), "name"), "Populate");
}

TEST_F(ConfigDocumentTest, AnUnreadableFieldIsInvalidJson) {
  const auto refused = create(kLambda, R"({"name": "x", "type": "JWTPopulate", "body": "b",
                                           "debug": {"not": "a boolean"}})");
  EXPECT_TRUE(has_field_error(refused, "lambda.debug", "[invalidJSON]"));
}

TEST_F(ConfigDocumentTest, DeleteRemovesTheDocument) {
  ASSERT_TRUE(create(kLambda, kPopulate, kId));
  ASSERT_TRUE(documents.remove(global, kLambda, kId));
  EXPECT_FALSE(documents.retrieve(global, kLambda, kId));
}

TEST_F(ConfigDocumentTest, ATenantLockedKeyIsRefusedAsFusionAuthRefusesGlobalApis) {
  ASSERT_TRUE(create(kLambda, kPopulate, kId));
  const Caller locked = tenant_locked();
  EXPECT_EQ(documents.retrieve(locked, kLambda, kId).error().http_status(),
            HttpStatus::kUnauthorized);
  EXPECT_EQ(documents.list(locked, kLambda).error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_EQ(documents.create(locked, kLambda, std::nullopt, parse(kPopulate)).error().http_status(),
            HttpStatus::kUnauthorized);
  EXPECT_EQ(documents.remove(locked, kLambda, kId).error().http_status(),
            HttpStatus::kUnauthorized);
  EXPECT_EQ(documents.search(locked, kLambda, {}).error().http_status(), HttpStatus::kUnauthorized);
}

TEST_F(ConfigDocumentTest, ListFiltersOnExactMembers) {
  ASSERT_TRUE(create(kLambda, kPopulate));
  ASSERT_TRUE(create(kLambda, R"({"name": "Info", "type": "UserInfoPopulate", "body": "b"})"));
  const auto filtered = documents.list(global, kLambda, {{"type", "UserInfoPopulate"}});
  ASSERT_TRUE(filtered);
  ASSERT_EQ(filtered->size(), 1U);
  EXPECT_EQ(json::get_string((*filtered)[0], "name"), "Info");
}

TEST_F(ConfigDocumentTest, DefaultsInstallOnceAndADeletedDefaultStaysDeleted) {
  documents.install_defaults();
  const auto templates = documents.list(global, kEmailTemplate);
  ASSERT_TRUE(templates);
  const auto count = templates->size();
  EXPECT_GE(count, 15U);
  const auto first_id = *Uuid::parse(*json::get_string((*templates)[0], "id"));
  ASSERT_TRUE(documents.remove(global, kEmailTemplate, first_id));
  documents.install_defaults();
  EXPECT_EQ(documents.list(global, kEmailTemplate)->size(), count - 1);
}

}  // namespace
}  // namespace latchkey::services
