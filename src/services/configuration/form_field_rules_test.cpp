// Form field rules (form_field_rules.cpp): name and key, managed versus custom keys, control
// and type enums, options, consent, validator, fixed members, unique names, in-use deletes.
#include "services/configuration/form_field_rules.hpp"

#include "config_document_fixture.hpp"

namespace latchkey::services {
namespace {

using enum ConfigKind;

TEST_F(ConfigDocumentTest, FormFieldNeedsNameAndKey) {
  const auto refused = create(kFormField, R"({})");
  EXPECT_TRUE(has_field_error(refused, "field.name", "[blank]field.name"));
  EXPECT_TRUE(has_field_error(refused, "field.key", "[blank]field.key"));
}

TEST_F(ConfigDocumentTest, FormFieldKeyIsManagedOrACustomDataPath) {
  EXPECT_TRUE(create(kFormField, R"({"name": "a", "key": "user.data.favoriteColor"})"));
  EXPECT_TRUE(create(kFormField, R"({"name": "b", "key": "user.data.preferences['color']"})"));
  EXPECT_TRUE(create(kFormField, R"({"name": "c", "key": "registration.data.list[0]"})"));
  EXPECT_TRUE(create(kFormField, R"({"name": "d", "key": "user.email"})"));
  for (const auto* key : {"user.favoriteColor", "user.data.", "user.data.has space", "email"}) {
    const auto refused =
        create(kFormField, R"({"name": "x", "key": ")" + std::string(key) + R"("})");
    EXPECT_TRUE(has_field_error(refused, "field.key", "[invalid]field.key")) << key;
  }
}

TEST_F(ConfigDocumentTest, AManagedKeyGetsFusionAuthsControlAndType) {
  const auto created =
      create(kFormField, R"({"name": "Email", "key": "user.email", "control": "textarea",
                             "type": "number"})");
  ASSERT_TRUE(created);
  EXPECT_EQ(json::get_string(*created, "control"), "text");
  EXPECT_EQ(json::get_string(*created, "type"), "email");
}

TEST_F(ConfigDocumentTest, ACustomFieldDefaultsToTextString) {
  const auto created = create(kFormField, R"({"name": "Color", "key": "user.data.color"})");
  ASSERT_TRUE(created);
  EXPECT_EQ(json::get_string(*created, "control"), "text");
  EXPECT_EQ(json::get_string(*created, "type"), "string");
  EXPECT_EQ(json::get_bool(*created, "required"), false);
}

TEST_F(ConfigDocumentTest, FormFieldControlAndTypeMustBeFusionAuthsEnums) {
  const auto refused = create(
      kFormField, R"({"name": "n", "key": "user.data.x", "control": "slider", "type": "blob"})");
  EXPECT_TRUE(has_field_error(refused, "field.control", "[invalidJSON]"));
  EXPECT_TRUE(has_field_error(refused, "field.type", "[invalidJSON]"));
}

TEST_F(ConfigDocumentTest, SelectAndRadioNeedOptionsAndConsentNeedsAConsentId) {
  EXPECT_TRUE(has_field_error(
      create(kFormField, R"({"name": "n", "key": "user.data.x", "control": "select"})"),
      "field.options", "[missing]field.options"));
  EXPECT_TRUE(create(kFormField, R"({"name": "n", "key": "user.data.x", "control": "radio",
                                     "options": ["a", "b"]})"));
  EXPECT_TRUE(has_field_error(
      create(kFormField, R"({"name": "c", "key": "user.data.c", "type": "consent"})"),
      "field.consentId", "[missing]field.consentId"));
}

TEST_F(ConfigDocumentTest, AnEnabledValidatorNeedsAValidExpression) {
  EXPECT_TRUE(has_field_error(create(kFormField, R"({"name": "n", "key": "user.data.x",
                                                     "validator": {"enabled": true}})"),
                              "field.validator.expression", "[missing]field.validator.expression"));
  EXPECT_TRUE(has_field_error(create(kFormField, R"({"name": "n", "key": "user.data.x",
                             "validator": {"enabled": true, "expression": "([a-z"}})"),
                              "field.validator.expression", "[invalid]field.validator.expression"));
  EXPECT_TRUE(create(kFormField, R"({"name": "n", "key": "user.data.x",
                                     "validator": {"enabled": true, "expression": "^[a-z]+$"}})"));
}

TEST_F(ConfigDocumentTest, FormFieldNamesAreUniqueIgnoringCase) {
  ASSERT_TRUE(create(kFormField, R"({"name": "Color", "key": "user.data.color"})"));
  EXPECT_TRUE(has_field_error(create(kFormField, R"({"name": "COLOR", "key": "user.data.c2"})"),
                              "field.name", "[duplicate]field.name"));
}

TEST_F(ConfigDocumentTest, FormFieldKeyControlAndTypeAreFixedAtCreation) {
  const auto created = create(kFormField, R"({"name": "n", "key": "user.data.x"})");
  const auto id = *Uuid::parse(*json::get_string(*created, "id"));
  const auto updated = documents.update(
      global, kFormField, id,
      parse(R"({"name": "m", "key": "user.data.y", "control": "textarea", "type": "number"})"));
  ASSERT_TRUE(updated);
  EXPECT_EQ(json::get_string(*updated, "name"), "m");
  EXPECT_EQ(json::get_string(*updated, "key"), "user.data.x");
  EXPECT_EQ(json::get_string(*updated, "control"), "text");
  EXPECT_EQ(json::get_string(*updated, "type"), "string");
}

TEST_F(ConfigDocumentTest, AFieldAFormUsesCannotBeDeleted) {
  const auto field = create(kFormField, R"({"name": "n", "key": "user.data.x"})");
  const auto field_id = *json::get_string(*field, "id");
  ASSERT_TRUE(create(kForm, R"({"name": "F", "steps": [{"fields": [")" + field_id + R"("]}]})"));
  const auto refused = documents.remove(global, kFormField, *Uuid::parse(field_id));
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("fieldId", "[inUse]fieldId"));
  EXPECT_TRUE(documents.retrieve(global, kFormField, *Uuid::parse(field_id)));
}

}  // namespace
}  // namespace latchkey::services
