// Email templates (FusionAuth apis/emails): name, subject and both bodies required; bodies are
// FreeMarker, stored as given (rendering and sending belong to the account-flows work).
#include <array>
#include <string>

#include "services/configuration/email_template_rules.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

constexpr FieldSpec kStringMap[] = {{"*", kString}};  // LocalizedStrings
constexpr FieldSpec kEmailTemplateFields[] = {
    {"id", kUuid},
    {"name", kString},
    {"defaultFromName", kString},
    {"defaultSubject", kString},
    {"defaultHtmlTemplate", kString},
    {"defaultTextTemplate", kString},
    {"fromEmail", kString},
    {"localizedFromNames", kObject, kStringMap},
    {"localizedSubjects", kObject, kStringMap},
    {"localizedHtmlTemplates", kObject, kStringMap},
    {"localizedTextTemplates", kObject, kStringMap},
};

constexpr DocumentNames kNames{"email-template", "emailTemplate", "emailTemplates",
                               "emailTemplateId", "Email Template"};

// FusionAuth's default set: its names and subjects, so set-ups that look a default up by name
// find it. The bodies are Latchkey's own short FreeMarker texts.
struct DefaultTemplate {
  std::string_view name;
  std::string_view subject;
  std::string_view text;  // one line; the HTML body wraps it in <p>
};
constexpr DefaultTemplate kDefaults[] = {
    {"[FusionAuth Default] Breached Password Notification", "Your password is not secure",
     "Your password was found in a public breach. Please change it."},
    {"[FusionAuth Default] Forgot Password", "Reset your password",
     "To reset your password use this code: ${changePasswordId}"},
    {"[FusionAuth Default] Confirm Child Account", "Confirm your child's account",
     "Your child ${child.email!''} asked to join. Please confirm their account."},
    {"[FusionAuth Default] COPPA Notice Reminder", "Reminder: Notice of your consent",
     "This is a reminder of the consent you gave for your child."},
    {"[FusionAuth Default] COPPA Notice", "Notice of your consent",
     "You gave consent for your child to use this service."},
    {"[FusionAuth Default] Email Verification", "Verify your FusionAuth email address",
     "To verify your email address use this code: ${verificationId}"},
    {"[FusionAuth Default] Parent Registration", "Create your parental account",
     "Your child asked for an account. Please create your parental account."},
    {"[FusionAuth Default] Passwordless Login", "Log into FusionAuth",
     "To log in use this code: ${code}"},
    {"[FusionAuth Default] Registration Verification", "Verify your registration",
     "To verify your registration use this code: ${verificationId}"},
    {"[FusionAuth Default] Set up Password", "Set up your password",
     "To set up your password use this code: ${changePasswordId}"},
    {"[FusionAuth Default] Two Factor Authentication", "Your second factor code",
     "Your second factor code is ${code}"},
    {"[FusionAuth Default] Threat Detected", "Threat Detected",
     "We noticed suspicious activity on your account."},
    {"[FusionAuth Default] Two Factor Authentication Method Added", "A second factor was added",
     "A second factor was added to your account."},
    {"[FusionAuth Default] Two Factor Authentication Method Removed", "A second factor was removed",
     "A second factor was removed from your account."},
    {"[FusionAuth Default] Admin Two Factor Method Removed",
     "Your two-factor authentication method was removed",
     "An administrator removed a two-factor method from your account."},
};

class EmailTemplateRules final : public DocumentRules {
 public:
  [[nodiscard]] const DocumentNames& names() const override { return kNames; }
  [[nodiscard]] Schema fields() const override { return kEmailTemplateFields; }
  void apply_defaults(json::object& /*doc*/) const override {}

  void validate(const json::object& doc, const json::object* /*previous*/,
                const DocumentLookup& /*lookup*/, Validation& validation) const override {
    for (const auto member :
         {"name", "defaultSubject", "defaultHtmlTemplate", "defaultTextTemplate"}) {
      require_text(doc, kNames.envelope, member, validation);
    }
    if (const auto from = json::get_string(doc, "fromEmail");
        from && !from->empty() && !plausible_email(*from)) {
      validation.add("emailTemplate.fromEmail", "[invalid]emailTemplate.fromEmail",
                     "The [emailTemplate.fromEmail] property must be an email address.");
    }
  }

  [[nodiscard]] std::vector<json::object> defaults(
      const DocumentLookup& /*lookup*/) const override {
    std::vector<json::object> out;
    for (const auto& t : kDefaults) {
      out.push_back({{"name", t.name},
                     {"defaultSubject", t.subject},
                     {"defaultTextTemplate", t.text},
                     {"defaultHtmlTemplate", "<p>" + std::string(t.text) + "</p>"},
                     {"localizedFromNames", json::object{}},
                     {"localizedSubjects", json::object{}},
                     {"localizedHtmlTemplates", json::object{}},
                     {"localizedTextTemplates", json::object{}}});
    }
    return out;
  }

 private:
  // local@domain with no spaces: FusionAuth's check is as lenient.
  static bool plausible_email(std::string_view text) {
    const auto at = text.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < text.size() &&
           text.find(' ') == std::string_view::npos &&
           text.find('@', at + 1) == std::string_view::npos;
  }
};

}  // namespace

const DocumentRules& email_template_rules() {
  static const EmailTemplateRules rules;
  return rules;
}

}  // namespace latchkey::services
