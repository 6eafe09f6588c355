#include "services/kickstart/kickstart.hpp"

#include <cstdlib>
#include <map>

#include "crypto/random.hpp"
#include "services/common/fusionauth_ids.hpp"

namespace latchkey::services {
namespace {

using Variables = std::map<std::string, std::string, std::less<>>;

Error invalid(std::string message) {
  return Error::general(HttpStatus::kBadRequest, "[invalid]kickstart", std::move(message));
}

// Replaces every #{...} in `text`. `\#{` stays a literal `#{`. Unknown names are an error, so
// a typo in a kickstart file stops start-up instead of creating objects named "#{typo}".
Result<std::string> substitute(std::string_view text, const Variables& variables,
                               const EnvironmentLookup& environment) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "\\#{") == 0) {
      out += "#{";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "#{") != 0) {
      out.push_back(text[i++]);
      continue;
    }
    const auto close = text.find('}', i + 2);
    if (close == std::string_view::npos) return fail(invalid("unterminated #{ in kickstart"));
    const std::string name(text.substr(i + 2, close - i - 2));
    if (name == "UUID()") {
      out += crypto::random_uuid().str();
    } else if (name.starts_with("ENV.")) {
      const auto value = environment(name.substr(4));
      if (!value) return fail(invalid("environment variable " + name.substr(4) + " is not set"));
      out += *value;
    } else if (const auto found = variables.find(name); found != variables.end()) {
      out += found->second;
    } else {
      return fail(invalid("unknown kickstart variable #{" + name + "}"));
    }
    i = close + 1;
  }
  return out;
}

// Substitutes inside every string (keys included) of a JSON value.
Result<json::value> substitute_all(const json::value& value, const Variables& variables,
                                   const EnvironmentLookup& environment) {
  if (value.is_string()) {
    LATCHKEY_TRY(auto text, substitute(value.as_string(), variables, environment));
    return json::value(text);
  }
  if (value.is_array()) {
    json::array out;
    for (const auto& element : value.as_array()) {
      LATCHKEY_TRY(auto resolved, substitute_all(element, variables, environment));
      out.push_back(std::move(resolved));
    }
    return json::value(std::move(out));
  }
  if (value.is_object()) {
    json::object out;
    for (const auto& [key, member] : value.as_object()) {
      LATCHKEY_TRY(auto resolved_key, substitute(key, variables, environment));
      LATCHKEY_TRY(auto resolved, substitute_all(member, variables, environment));
      out[resolved_key] = std::move(resolved);
    }
    return json::value(std::move(out));
  }
  return value;
}

Result<KickstartRequest> read_request(const json::object& request, std::size_t index) {
  const std::string where = "kickstart requests[" + std::to_string(index) + "]";
  KickstartRequest out;
  out.method = json::get_string(request, "method").value_or("");
  if (out.method != "POST" && out.method != "PUT" && out.method != "PATCH") {
    return fail(invalid(where + ": method must be POST, PUT or PATCH"));
  }
  out.url = json::get_string(request, "url").value_or("");
  if (!out.url.starts_with("/")) return fail(invalid(where + ": url must start with /"));
  out.tenant_id = json::get_string(request, "tenantId");
  if (const auto type = json::get_string(request, "contentType")) out.content_type = *type;
  const auto* body = request.if_contains("body");
  if (body != nullptr && !body->is_object()) {
    return fail(invalid(where + ": body must be a JSON object"));
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

Result<KickstartPlan> parse_kickstart(std::string_view text, const EnvironmentLookup& environment,
                                      const Uuid& default_tenant_id) {
  auto file = json::parse_object(text);
  if (!file) return fail(invalid("the kickstart file is not a JSON object"));

  Variables variables;
  variables["FUSIONAUTH_APPLICATION_ID"] = kFusionAuthApplicationId;
  if (const auto* declared = json::get_object(*file, "variables")) {
    // Variables may use #{ENV.X}, #{UUID()} and earlier variables.
    for (const auto& [name, value] : *declared) {
      if (!value.is_string()) {
        return fail(invalid("kickstart variable " + std::string(name) + " must be a string"));
      }
      LATCHKEY_TRY(auto resolved, substitute(value.as_string(), variables, environment));
      variables[std::string(name)] = std::move(resolved);
    }
  }
  KickstartPlan plan;
  if (const auto found = variables.find("defaultTenantId"); found != variables.end()) {
    plan.default_tenant_id = Uuid::parse(found->second);
    if (!plan.default_tenant_id) return fail(invalid("defaultTenantId is not a UUID"));
  }
  variables["FUSIONAUTH_TENANT_ID"] = plan.default_tenant_id.value_or(default_tenant_id).str();

  const auto* keys = json::get_array(*file, "apiKeys");
  if (keys == nullptr || keys->empty()) {
    return fail(invalid("a kickstart file needs at least one entry in apiKeys"));
  }
  for (const auto& key : *keys) {
    if (!key.is_object()) return fail(invalid("every apiKeys entry must be an object"));
    LATCHKEY_TRY(auto resolved, substitute_all(key, variables, environment));
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
    std::size_t index = 0;
    for (const auto& request : *requests) {
      if (!request.is_object()) return fail(invalid("every requests entry must be an object"));
      LATCHKEY_TRY(auto resolved, substitute_all(request, variables, environment));
      LATCHKEY_TRY(auto parsed, read_request(resolved.as_object(), index++));
      plan.requests.push_back(std::move(parsed));
    }
  }
  return plan;
}

}  // namespace latchkey::services
