#pragma once
// Reads a kickstart file in FusionAuth's format (spec/kickstart.md) into a plan: variables
// resolved; #{name}, #{ENV.NAME}, #{UUID()}, the built-ins and the @{file} / &{file} includes
// substituted everywhere outside `variables` (kickstart_substitution.hpp). Running the plan
// is app/'s job, through the ordinary API handlers.
//
//   LATCHKEY_TRY(const auto plan, parse_kickstart(file_text, context));
//   for (const auto& request : plan.requests) dispatch(request);

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"
#include "services/kickstart/kickstart_builtins.hpp"
#include "services/kickstart/kickstart_substitution.hpp"

namespace latchkey::services {

struct KickstartRequest {
  std::string label;                     // "requests[2]", or "requests[2] (&{json/theme.json})"
  std::string method;                    // POST, PUT or PATCH
  std::string url;                       // always with its leading /
  std::optional<std::string> tenant_id;  // sent as X-FusionAuth-TenantId
  std::string body;                      // serialized JSON
  std::string content_type = "application/json";
};

struct KickstartPlan {
  std::optional<Uuid> default_tenant_id;              // `defaultTenantId`
  std::optional<Uuid> tenant_manager_application_id;  // `tenantManagerApplicationId`
  std::vector<json::object> api_keys;
  std::vector<KickstartRequest> requests;
  // The file's `welcome` lines, resolved (a Latchkey extension; FusionAuth ignores it).
  std::vector<std::string> welcome;
};

EnvironmentLookup process_environment();

struct KickstartContext {
  explicit KickstartContext(Uuid tenant_id) : default_tenant_id(std::move(tenant_id)) {}

  EnvironmentLookup environment;
  IncludeReader read_include;      // empty: the file may not include others
  std::function<Uuid()> new_uuid;  // #{UUID()}; empty: crypto::random_uuid
  // The Default tenant's id unless `defaultTenantId` overrides it.
  Uuid default_tenant_id;
  std::optional<Uuid> default_signing_key_id;  // see KickstartInstanceIds
};

// Parses and resolves a kickstart file.
Result<KickstartPlan> parse_kickstart(std::string_view text, const KickstartContext& context);

// The same, for a file that includes no others.
Result<KickstartPlan> parse_kickstart(std::string_view text, const EnvironmentLookup& environment,
                                      const Uuid& default_tenant_id);

}  // namespace latchkey::services
