#include "services/kickstart/kickstart.hpp"

#include <cstdlib>

#include "crypto/random.hpp"

namespace latchkey::services {
namespace {

Error invalid(std::string message) {
  return Error::general(HttpStatus::kBadRequest, "[invalid]kickstart", std::move(message));
}

// FusionAuth's two special variables, which set ids of objects the database starts with.
constexpr const char* kDefaultTenantId = "defaultTenantId";
constexpr const char* kTenantManagerApplicationId = "tenantManagerApplicationId";

struct ResolvedVariables {
  KickstartVariables values;
  std::optional<Uuid> default_tenant_id;
  std::optional<Uuid> tenant_manager_application_id;
};

Result<std::optional<Uuid>> special_uuid(const json::object* declared, const char* name,
                                         const SubstitutionContext& context) {
  const auto* value = declared != nullptr ? declared->if_contains(name) : nullptr;
  if (value == nullptr) return std::optional<Uuid>{};
  if (!value->is_string()) return fail(invalid(std::string(name) + " must be a string"));
  LATCHKEY_TRY(const auto text, substitute_text(value->as_string(), context));
  auto id = Uuid::parse(text);
  if (!id) return fail(invalid(std::string(name) + " is not a UUID"));
  return id;
}

// Variables are resolved in the order they are declared, each with the built-ins and the
// variables before it. The special ones come first: the built-ins depend on them.
Result<ResolvedVariables> resolve_variables(const json::object* declared,
                                            const KickstartContext& context,
                                            const std::function<Uuid()>& new_uuid) {
  ResolvedVariables out;
  KickstartInstanceIds ids{context.default_tenant_id, context.default_signing_key_id, std::nullopt};
  out.values = kickstart_builtins(ids);
  const SubstitutionContext early{out.values, context.environment, context.read_include, new_uuid};
  LATCHKEY_TRY(out.default_tenant_id, special_uuid(declared, kDefaultTenantId, early));
  LATCHKEY_TRY(out.tenant_manager_application_id,
               special_uuid(declared, kTenantManagerApplicationId, early));
  ids.default_tenant_id = out.default_tenant_id.value_or(context.default_tenant_id);
  ids.tenant_manager_application_id = out.tenant_manager_application_id;
  out.values = kickstart_builtins(ids);
  if (declared == nullptr) return out;
  if (out.default_tenant_id) out.values[kDefaultTenantId] = out.default_tenant_id->str();
  if (out.tenant_manager_application_id) {
    out.values[kTenantManagerApplicationId] = out.tenant_manager_application_id->str();
  }
  for (const auto& [name, value] : *declared) {
    if (name == kDefaultTenantId || name == kTenantManagerApplicationId) continue;
    if (!value.is_string()) {
      return fail(invalid("kickstart variable " + std::string(name) + " must be a string"));
    }
    const SubstitutionContext context_so_far{out.values, context.environment, context.read_include,
                                             new_uuid};
    LATCHKEY_TRY(auto resolved, substitute_text(value.as_string(), context_so_far));
    out.values[std::string(name)] = std::move(resolved);
  }
  return out;
}

// FusionAuth documents `url` as "the relative URL of the API endpoint, such as
// /api/user/registration", and its own examples write it with and without the leading /.
Result<std::string> request_url(std::string url, const std::string& where) {
  if (url.empty()) return fail(invalid("kickstart " + where + ": url is required"));
  if (url.find("://") != std::string::npos || url.starts_with("//")) {
    return fail(invalid("kickstart " + where + ": url must be a path on this server, not " +
                        "another server's URL"));
  }
  if (!url.starts_with("/")) url.insert(url.begin(), '/');
  return url;
}

Result<KickstartRequest> read_request(const json::object& request, std::string label) {
  KickstartRequest out;
  out.label = std::move(label);
  out.method = json::get_string(request, "method").value_or("");
  if (out.method != "POST" && out.method != "PUT" && out.method != "PATCH") {
    return fail(invalid("kickstart " + out.label + ": method must be POST, PUT or PATCH"));
  }
  LATCHKEY_TRY(out.url, request_url(json::get_string(request, "url").value_or(""), out.label));
  out.tenant_id = json::get_string(request, "tenantId");
  if (const auto type = json::get_string(request, "contentType")) out.content_type = *type;
  const auto* body = request.if_contains("body");
  // An array is a JSON Patch (contentType application/json-patch+json).
  if (body != nullptr && !body->is_object() && !body->is_array()) {
    return fail(invalid("kickstart " + out.label + ": body must be a JSON object or array"));
  }
  out.body = body != nullptr ? json::serialize(*body) : "{}";
  return out;
}

}  // namespace

EnvironmentLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): start-up only
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Result<KickstartPlan> parse_kickstart(std::string_view text, const KickstartContext& context) {
  auto file = json::parse_object(text);
  if (!file) return fail(invalid("the kickstart file is not a JSON object"));
  const std::function<Uuid()> new_uuid =
      context.new_uuid ? context.new_uuid : std::function<Uuid()>(crypto::random_uuid);

  LATCHKEY_TRY(const auto variables,
               resolve_variables(json::get_object(*file, "variables"), context, new_uuid));
  const SubstitutionContext substitution{variables.values, context.environment,
                                         context.read_include, new_uuid};
  KickstartPlan plan;
  plan.default_tenant_id = variables.default_tenant_id;
  plan.tenant_manager_application_id = variables.tenant_manager_application_id;

  const auto* keys = json::get_array(*file, "apiKeys");
  if (keys == nullptr || keys->empty()) {
    return fail(invalid("a kickstart file needs at least one entry in apiKeys"));
  }
  for (const auto& key : *keys) {
    LATCHKEY_TRY(auto resolved, substitute_value(key, substitution));
    if (!resolved.is_object()) return fail(invalid("every apiKeys entry must be an object"));
    auto& api_key = resolved.as_object();
    // Kickstart's `description` is the API Key API's metaData.attributes.description.
    if (const auto description = json::get_string(api_key, "description")) {
      json::ensure_object(api_key, "metaData.attributes")["description"] = *description;
      api_key.erase("description");
    }
    plan.api_keys.push_back(std::move(api_key));
  }
  const auto& first = plan.api_keys.front();
  if (first.contains("tenantId") || json::get_object(first, "permissions.endpoints") != nullptr) {
    // Kickstart runs its requests with the first key, so it must be able to call everything.
    return fail(invalid("the first kickstart API key must be global with no endpoint limits"));
  }
  if (const auto* requests = json::get_array(*file, "requests")) {
    for (std::size_t index = 0; index < requests->size(); ++index) {
      const auto& request = (*requests)[index];
      std::string label = "requests[" + std::to_string(index) + "]";
      // FusionAuth: a whole request may live in its own file, "&{requests/x.json}".
      if (request.is_string()) {
        const auto path = whole_json_include(request.as_string());
        if (!path) {
          return fail(invalid("kickstart " + label + " must be an object or \"&{file.json}\""));
        }
        label += " (&{" + std::string(*path) + "})";
      } else if (!request.is_object()) {
        return fail(invalid("kickstart " + label + " must be an object"));
      }
      LATCHKEY_TRY(auto resolved, substitute_value(request, substitution));
      if (!resolved.is_object()) {
        return fail(invalid("kickstart " + label + " must be a JSON object"));
      }
      LATCHKEY_TRY(auto parsed, read_request(resolved.as_object(), std::move(label)));
      plan.requests.push_back(std::move(parsed));
    }
  }
  if (const auto* welcome = json::get_array(*file, "welcome")) {
    for (const auto& line : *welcome) {
      if (!line.is_string()) continue;
      LATCHKEY_TRY(auto resolved, substitute_text(line.as_string(), substitution));
      plan.welcome.push_back(std::move(resolved));
    }
  }
  return plan;
}

Result<KickstartPlan> parse_kickstart(std::string_view text, const EnvironmentLookup& environment,
                                      const Uuid& default_tenant_id) {
  KickstartContext context(default_tenant_id);
  context.environment = environment;
  return parse_kickstart(text, context);
}

}  // namespace latchkey::services
