// Email template rules (email_template_rules.cpp): required members, fromEmail, the default set.
#include "services/configuration/email_template_rules.hpp"

#include "config_document_fixture.hpp"

namespace latchkey::services {
namespace {

using enum ConfigKind;

TEST_F(ConfigDocumentTest, EmailTemplateNeedsNameSubjectAndBothBodies) {
  const auto refused = create(kEmailTemplate, R"({})");
  for (const std::string member :
       {"name", "defaultSubject", "defaultHtmlTemplate", "defaultTextTemplate"}) {
    EXPECT_TRUE(
        has_field_error(refused, "emailTemplate." + member, "[blank]emailTemplate." + member))
        << member;
  }
}

TEST_F(ConfigDocumentTest, EmailTemplateStoresFreeMarkerAsGiven) {
  const auto created = create(kEmailTemplate, R"({"name": "Welcome", "defaultSubject": "Hi",
      "defaultHtmlTemplate": "<p>${user.email}</p>", "defaultTextTemplate": "${user.email}",
      "localizedSubjects": {"de": "Hallo"}, "fromEmail": "team@example.com"})");
  ASSERT_TRUE(created);
  EXPECT_EQ(json::get_string(*created, "defaultHtmlTemplate"), "<p>${user.email}</p>");
  EXPECT_EQ(json::get_string(*created, "localizedSubjects.de"), "Hallo");
}

TEST_F(ConfigDocumentTest, EmailTemplateFromEmailMustBeAnAddress) {
  const auto refused = create(kEmailTemplate, R"({"name": "n", "defaultSubject": "s",
      "defaultHtmlTemplate": "h", "defaultTextTemplate": "t", "fromEmail": "not an email"})");
  EXPECT_TRUE(
      has_field_error(refused, "emailTemplate.fromEmail", "[invalid]emailTemplate.fromEmail"));
}

TEST_F(ConfigDocumentTest, EmailTemplateLocalizedValuesMustBeText) {
  const auto refused = create(kEmailTemplate, R"({"name": "n", "defaultSubject": "s",
      "defaultHtmlTemplate": "h", "defaultTextTemplate": "t", "localizedSubjects": {"de": {}}})");
  EXPECT_TRUE(has_field_error(refused, "emailTemplate.localizedSubjects.de", "[invalidJSON]"));
}

TEST_F(ConfigDocumentTest, FusionAuthsDefaultEmailTemplatesExistByName) {
  documents.install_defaults();
  const auto page = documents.search(global, kEmailTemplate,
                                     {{"name", "[FusionAuth Default] Email Verification"}});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->total, 1U);
  const auto& doc = page->documents[0].data;
  EXPECT_EQ(json::get_string(doc, "defaultSubject"), "Verify your FusionAuth email address");
  EXPECT_FALSE(is_blank(doc, "defaultHtmlTemplate"));
  EXPECT_FALSE(is_blank(doc, "defaultTextTemplate"));
  EXPECT_EQ(documents.search(global, kEmailTemplate, {{"name", "[FusionAuth Default]*"}})->total,
            15U);
}

}  // namespace
}  // namespace latchkey::services
