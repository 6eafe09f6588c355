// Lambdas (FusionAuth apis/lambdas): a name, a JavaScript body and a type from FusionAuth's
// LambdaType; the engine defaults to GraalJS. Stored and validated; running them belongs to the
// account-flows work. The type is fixed at creation.
#include <array>
#include <string>

#include "services/configuration/lambda_rules.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

constexpr FieldSpec kLambdaFields[] = {
    {"id", kUuid},           {"name", kString}, {"body", kString},  {"type", kString},
    {"engineType", kString}, {"debug", kBool},  {"enabled", kBool},
};

constexpr DocumentNames kNames{"lambda", "lambda", "lambdas", "lambdaId", "Lambda"};

// io.fusionauth.domain.LambdaType, as the TypeScript client lists it.
constexpr std::string_view kTypes[] = {
    "JWTPopulate",
    "OpenIDReconcile",
    "SAMLv2Reconcile",
    "SAMLv2Populate",
    "AppleReconcile",
    "ExternalJWTReconcile",
    "FacebookReconcile",
    "GoogleReconcile",
    "HYPRReconcile",
    "TwitterReconcile",
    "LDAPConnectorReconcile",
    "LinkedInReconcile",
    "EpicGamesReconcile",
    "NintendoReconcile",
    "SonyPSNReconcile",
    "SteamReconcile",
    "TwitchReconcile",
    "XboxReconcile",
    "ClientCredentialsJWTPopulate",
    "SCIMServerGroupRequestConverter",
    "SCIMServerGroupResponseConverter",
    "SCIMServerUserRequestConverter",
    "SCIMServerUserResponseConverter",
    "SelfServiceRegistrationValidation",
    "UserInfoPopulate",
    "LoginValidation",
    "MFARequirement",
};
constexpr std::string_view kEngines[] = {"GraalJS", "Nashorn"};
constexpr std::string_view kFixed[] = {"type"};
constexpr std::string_view kTextSearch[] = {"body"};
constexpr std::string_view kExactSearch[] = {"type"};
constexpr std::string_view kOrderBy[] = {"engineType"};

// FusionAuth's default lambdas. The reconcile lambdas that kickstart's
// #{FUSIONAUTH_LAMBDA[<type>]_ID} built-ins name carry those ids
// (services/kickstart/kickstart_builtins.cpp; a unit test keeps the two lists equal); the rest
// get fresh ids, as FusionAuth's do. The bodies are Latchkey's own minimal functions.
struct DefaultLambda {
  std::string_view name;
  std::string_view type;
  std::string_view id;  // empty: a fresh id
  std::string_view body;
};
constexpr std::string_view kReconcileBody =
    "// Copies nothing: reconcile with the claims FusionAuth maps by default.\n"
    "function reconcile(user, registration, input) {\n}\n";
constexpr std::string_view kScimBody =
    "// Passes the resource through unchanged.\n"
    "function convert(input, output) {\n}\n";
constexpr DefaultLambda kDefaults[] = {
    {"[FusionAuth Default] Apple Reconcile", "AppleReconcile",
     "c3ccee98-c570-48d6-b54a-df121c91a9f4", kReconcileBody},
    {"[FusionAuth Default] Facebook Reconcile", "FacebookReconcile",
     "cf322347-4b29-4b5d-aa22-ca6d47b2180f", kReconcileBody},
    {"[FusionAuth Default] Google Reconcile", "GoogleReconcile",
     "89716d2b-78cc-4a60-aced-c8383dc77ffd", kReconcileBody},
    {"[FusionAuth Default] LinkedIn Reconcile", "LinkedInReconcile", "", kReconcileBody},
    {"[FusionAuth Default] OpenID Connect Reconcile", "OpenIDReconcile",
     "7f0baaf5-e3c0-4740-9be6-641f035c8d09", kReconcileBody},
    {"[FusionAuth Default] SAML v2 Reconcile", "SAMLv2Reconcile",
     "d0403235-4843-439f-a599-ddd2e67b33aa", kReconcileBody},
    {"[FusionAuth Default] Twitter Reconcile", "TwitterReconcile",
     "426b89d7-dd11-4e76-bb23-51c72e75d161", kReconcileBody},
    {"[FusionAuth Default] SCIM Group Request Converter", "SCIMServerGroupRequestConverter", "",
     kScimBody},
    {"[FusionAuth Default] SCIM Group Response Converter", "SCIMServerGroupResponseConverter", "",
     kScimBody},
    {"[FusionAuth Default] SCIM User Request Converter", "SCIMServerUserRequestConverter", "",
     kScimBody},
    {"[FusionAuth Default] SCIM User Response Converter", "SCIMServerUserResponseConverter", "",
     kScimBody},
};

class LambdaRules final : public DocumentRules {
 public:
  [[nodiscard]] const DocumentNames& names() const override { return kNames; }
  [[nodiscard]] Schema fields() const override { return kLambdaFields; }

  void apply_defaults(json::object& doc) const override {
    json::set_default(doc, "engineType", "GraalJS");
    json::set_default(doc, "debug", false);
    json::set_default(doc, "enabled", true);
  }

  void validate(const json::object& doc, const json::object* /*previous*/,
                const DocumentLookup& /*lookup*/, Validation& validation) const override {
    require_text(doc, kNames.envelope, "name", validation);
    require_text(doc, kNames.envelope, "body", validation);
    const auto* type = doc.if_contains("type");
    if (type == nullptr || type->is_null()) {
      validation.add("lambda.type", "[missing]lambda.type",
                     "You must specify the [lambda.type] property.");
    } else {
      require_enum(doc, kNames.envelope, "type", kTypes, validation);
    }
    require_enum(doc, kNames.envelope, "engineType", kEngines, validation);
  }

  [[nodiscard]] std::span<const std::string_view> fixed_at_creation() const override {
    return kFixed;
  }
  [[nodiscard]] SearchSpec search() const override { return {kTextSearch, kExactSearch, kOrderBy}; }

  [[nodiscard]] std::vector<json::object> defaults(
      const DocumentLookup& /*lookup*/) const override {
    std::vector<json::object> out;
    for (const auto& l : kDefaults) {
      json::object doc{{"name", l.name},          {"type", l.type}, {"body", l.body},
                       {"engineType", "GraalJS"}, {"debug", false}, {"enabled", true}};
      if (!l.id.empty()) doc["id"] = l.id;
      out.push_back(std::move(doc));
    }
    return out;
  }
};

}  // namespace

const DocumentRules& lambda_rules() {
  static const LambdaRules rules;
  return rules;
}

}  // namespace latchkey::services
