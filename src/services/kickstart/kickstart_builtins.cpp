#include "services/kickstart/kickstart_builtins.hpp"

#include "services/common/fusionauth_ids.hpp"

namespace latchkey::services {
namespace {

// Objects FusionAuth creates with its schema that Latchkey does not have yet: the Tenant
// Manager application, the default admin user and registration forms, the default reconcile
// lambdas. Their built-ins resolve to these fixed ids, reserved for them, so a kickstart that
// names one still starts; the work that creates those objects must create them under these ids.
constexpr const char* kReservedTenantManagerApplicationId = "f38c333f-0194-4f6b-86dd-8b5396f260d8";
constexpr const char* kReservedAdminUserFormId = "99a0f4c2-e8ac-4db6-b3ca-3f508738d9df";
constexpr const char* kReservedAdminRegistrationFormId = "693f1729-3f74-4d54-b302-f35bfd78ef90";
struct ReservedLambda {
  const char* type;
  const char* id;
};
constexpr ReservedLambda kReservedReconcileLambdas[] = {
    {"OpenIDReconcile", "7f0baaf5-e3c0-4740-9be6-641f035c8d09"},
    {"SAMLv2Reconcile", "d0403235-4843-439f-a599-ddd2e67b33aa"},
    {"AppleReconcile", "c3ccee98-c570-48d6-b54a-df121c91a9f4"},
    {"FacebookReconcile", "cf322347-4b29-4b5d-aa22-ca6d47b2180f"},
    {"GoogleReconcile", "89716d2b-78cc-4a60-aced-c8383dc77ffd"},
    {"TwitterReconcile", "426b89d7-dd11-4e76-bb23-51c72e75d161"},
};
constexpr const char* kNilUuid = "00000000-0000-0000-0000-000000000000";

}  // namespace

std::map<std::string, std::string, std::less<>> kickstart_builtins(
    const KickstartInstanceIds& ids) {
  // FusionAuth/fusionauth-site, .../development/kickstart.mdx, "Environment Variables".
  std::map<std::string, std::string, std::less<>> out;
  out["FUSIONAUTH_APPLICATION_ID"] = kFusionAuthApplicationId;
  // "Always the tenant which contains the FusionAuth application", so it follows
  // `defaultTenantId`.
  out["FUSIONAUTH_TENANT_ID"] = ids.default_tenant_id.str();
  out["FUSIONAUTH_DEFAULT_SIGNING_KEY_ID"] =
      ids.default_signing_key_id ? ids.default_signing_key_id->str() : kNilUuid;
  // 1.58 documents TENANT_MANAGER_ID; 1.60 names FUSIONAUTH_TENANT_MANAGER_APPLICATION_ID.
  const std::string tenant_manager = ids.tenant_manager_application_id
                                         ? ids.tenant_manager_application_id->str()
                                         : kReservedTenantManagerApplicationId;
  out["TENANT_MANAGER_ID"] = tenant_manager;
  out["FUSIONAUTH_TENANT_MANAGER_APPLICATION_ID"] = tenant_manager;
  out["FUSIONAUTH_FORM[adminUser]_ID"] = kReservedAdminUserFormId;
  out["FUSIONAUTH_FORM[adminRegistration]_ID"] = kReservedAdminRegistrationFormId;
  for (const auto& lambda : kReservedReconcileLambdas) {
    out["FUSIONAUTH_LAMBDA[" + std::string(lambda.type) + "]_ID"] = lambda.id;
  }
  return out;
}

}  // namespace latchkey::services
