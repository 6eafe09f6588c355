#pragma once
// Reads a kickstart file in FusionAuth's format (spec/kickstart.md) into a plan: variables
// resolved, `#{name}`, `#{ENV.NAME}`, `#{UUID()}` and the built-ins substituted everywhere
// outside `variables`. Running the plan is app/'s job, through the ordinary API handlers.
//
//   LATCHKEY_TRY(const auto plan, parse_kickstart(file_text, environment));
//   for (const auto& request : plan.requests) dispatch(request);

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"

namespace latchkey::services {

struct KickstartRequest {
  std::string method;  // POST, PUT or PATCH
  std::string url;
  std::optional<std::string> tenant_id;  // sent as X-FusionAuth-TenantId
  std::string body;                      // serialized JSON
  std::string content_type = "application/json";
};

struct KickstartPlan {
  std::optional<Uuid> default_tenant_id;
  std::vector<json::object> api_keys;
  std::vector<KickstartRequest> requests;
};

// Looks up an environment variable; injected so tests need not touch the real environment.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvironmentLookup process_environment();

// Parses and resolves a kickstart file. `default_tenant_id` is the Default tenant's id when no
// `defaultTenantId` variable overrides it (it feeds #{FUSIONAUTH_TENANT_ID}).
Result<KickstartPlan> parse_kickstart(std::string_view text, const EnvironmentLookup& environment,
                                      const Uuid& default_tenant_id);

}  // namespace latchkey::services
