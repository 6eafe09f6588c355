// Form rules (form_rules.cpp): name, type, steps naming existing fields, verification steps,
// unique names, the fixed type, and the default admin forms under kickstart's built-in ids.
#include "services/configuration/form_rules.hpp"

#include "config_document_fixture.hpp"

namespace latchkey::services {
namespace {

using enum ConfigKind;

class FormRulesTest : public ConfigDocumentTest {
 protected:
  std::string field(std::string_view key) {
    const auto created = create(kFormField, R"({"name": ")" + std::string(key) + R"(", "key": ")" +
                                                std::string(key) + R"("})");
    return *json::get_string(*created, "id");
  }
  std::string form(std::string_view name, std::string_view type, const std::string& step_json) {
    return R"({"name": ")" + std::string(name) + R"(", "type": ")" + std::string(type) +
           R"(", "steps": )" + step_json + "}";
  }
};

TEST_F(FormRulesTest, AFormNeedsANameAndAStep) {
  const auto refused = create(kForm, R"({})");
  EXPECT_TRUE(has_field_error(refused, "form.name", "[blank]form.name"));
  EXPECT_TRUE(has_field_error(refused, "form.steps", "[missing]form.steps"));
  EXPECT_TRUE(has_field_error(create(kForm, R"({"name": "n", "steps": []})"), "form.steps",
                              "[missing]form.steps"));
}

TEST_F(FormRulesTest, StepsMustNameExistingFields) {
  const auto email = field("user.email");
  const auto created =
      create(kForm, form("Sign up", "registration", R"([{"fields": [")" + email + R"("]}])"));
  ASSERT_TRUE(created);
  EXPECT_EQ(json::get_string(*created, "type"), "registration");
  EXPECT_EQ(json::get_string((*created).at("steps").as_array()[0].as_object(), "type"),
            "collectData");
  const auto refused = create(
      kForm,
      form("Other", "registration", R"([{"fields": ["00000000-0000-4000-8000-0000000000ff"]}])"));
  EXPECT_TRUE(has_field_error(refused, "form.steps.fields", "[invalid]form.steps.fields"));
  EXPECT_TRUE(has_field_error(create(kForm, form("Empty", "registration", R"([{"fields": []}])")),
                              "form.steps.fields", "[missing]form.steps.fields"));
}

TEST_F(FormRulesTest, AFieldIsUsedOncePerForm) {
  const auto email = field("user.email");
  const auto refused = create(
      kForm, form("Twice", "registration",
                  R"([{"fields": [")" + email + R"("]}, {"fields": [")" + email + R"("]}])"));
  EXPECT_TRUE(has_field_error(refused, "form.steps.fields", "[duplicate]form.steps.fields"));
}

TEST_F(FormRulesTest, TypeAndStepTypeAreFusionAuthsEnums) {
  const auto email = field("user.email");
  const auto steps = R"([{"fields": [")" + email + R"("], "type": "collectEverything"}])";
  const auto refused = create(kForm, form("n", "wizard", steps));
  EXPECT_TRUE(has_field_error(refused, "form.type", "[invalidJSON]"));
  EXPECT_TRUE(has_field_error(refused, "form.steps.type", "[invalidJSON]"));
}

TEST_F(FormRulesTest, VerificationStepsBelongToRegistrationForms) {
  const auto email = field("user.email");
  const auto steps = R"([{"fields": [")" + email + R"("]}, {"type": "verifyEmail"}])";
  EXPECT_TRUE(create(kForm, form("Register", "registration", steps)));
  EXPECT_TRUE(has_field_error(create(kForm, form("Admin", "adminUser", steps)), "form.steps.type",
                              "[invalid]form.steps.type"));
}

TEST_F(FormRulesTest, FormNamesAreUniqueAndTheTypeIsFixed) {
  const auto email = field("user.email");
  const auto steps = R"([{"fields": [")" + email + R"("]}])";
  const auto created = create(kForm, form("Sign up", "registration", steps));
  ASSERT_TRUE(created);
  EXPECT_TRUE(has_field_error(create(kForm, form("SIGN UP", "registration", steps)), "form.name",
                              "[duplicate]form.name"));
  const auto id = *Uuid::parse(*json::get_string(*created, "id"));
  const auto updated =
      documents.update(global, kForm, id, parse(form("Sign up", "adminUser", steps)));
  ASSERT_TRUE(updated);
  EXPECT_EQ(json::get_string(*updated, "type"), "registration");
}

TEST_F(FormRulesTest, DefaultAdminFormsCarryTheKickstartBuiltInIds) {
  documents.install_defaults();
  // The ids services/kickstart/kickstart_builtins.cpp gives #{FUSIONAUTH_FORM[...]_ID}.
  const auto user_form =
      documents.retrieve(global, kForm, *Uuid::parse("99a0f4c2-e8ac-4db6-b3ca-3f508738d9df"));
  ASSERT_TRUE(user_form);
  EXPECT_EQ(json::get_string(*user_form, "type"), "adminUser");
  const auto registration_form =
      documents.retrieve(global, kForm, *Uuid::parse("693f1729-3f74-4d54-b302-f35bfd78ef90"));
  ASSERT_TRUE(registration_form);
  EXPECT_EQ(json::get_string(*registration_form, "type"), "adminRegistration");
  // Every field a default form names exists.
  for (const auto& step : user_form->at("steps").as_array()) {
    for (const auto& id : step.as_object().at("fields").as_array()) {
      EXPECT_TRUE(documents.retrieve(global, kFormField, *Uuid::parse(id.as_string())));
    }
  }
}

}  // namespace
}  // namespace latchkey::services
