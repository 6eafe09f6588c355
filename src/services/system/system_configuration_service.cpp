#include "services/system/system_configuration_service.hpp"

#include <algorithm>
#include <array>

#include "core/ip_address.hpp"
#include "services/common/field_reader.hpp"
#include "services/system/time_zone.hpp"

namespace latchkey::services {
namespace {

using enum FieldKind;

constexpr std::string_view kPrefix = "systemConfiguration";

constexpr FieldSpec kDelete[] = {{"enabled", kBool}, {"numberOfDaysToRetain", kInt}};
constexpr FieldSpec kWithDelete[] = {{"delete", kObject, kDelete}};
constexpr FieldSpec kWebhookEventLog[] = {{"enabled", kBool}, {"delete", kObject, kDelete}};
constexpr FieldSpec kCors[] = {
    {"enabled", kBool},
    {"allowCredentials", kBool},
    {"allowedHeaders", kStringArray},
    {"allowedMethods", kStringArray},
    {"allowedOrigins", kStringArray},
    {"exposedHeaders", kStringArray},
    {"preflightMaxAgeInSeconds", kInt},
    {"debug", kBool},
};
constexpr FieldSpec kEventLog[] = {{"numberToRetain", kInt}};
constexpr FieldSpec kTrustedProxy[] = {{"trustPolicy", kString}, {"trusted", kStringArray}};
constexpr FieldSpec kUi[] = {
    {"headerColor", kString}, {"logoURL", kString}, {"menuFontColor", kString}};
constexpr FieldSpec kUsageData[] = {{"enabled", kBool}, {"numberOfDaysToRetain", kInt}};
constexpr FieldSpec kSystemConfiguration[] = {
    {"auditLogConfiguration", kObject, kWithDelete},
    {"corsConfiguration", kObject, kCors},
    {"data", kObject},
    {"eventLogConfiguration", kObject, kEventLog},
    {"insertInstant", kLong},
    {"lastUpdateInstant", kLong},
    {"loginRecordConfiguration", kObject, kWithDelete},
    {"reportTimezone", kString},
    {"trustedProxyConfiguration", kObject, kTrustedProxy},
    {"uiConfiguration", kObject, kUi},
    {"usageDataConfiguration", kObject, kUsageData},
    {"webhookEventLogConfiguration", kObject, kWebhookEventLog},
};
constexpr FieldSpec kRequest[] = {{"systemConfiguration", kObject, kSystemConfiguration}};

// io.fusionauth.domain.HTTPMethod.
constexpr std::array<std::string_view, 7> kMethods = {"GET",  "POST",    "PUT",  "DELETE",
                                                      "HEAD", "OPTIONS", "PATCH"};

std::string field(std::string_view path) { return std::string(kPrefix) + "." + std::string(path); }

Status require_global_caller(const Caller& caller) {
  if (caller.api_key && caller.api_key->tenant_id) {
    return fail(Error::status(HttpStatus::kUnauthorized,
                              "the system configuration needs a key for all tenants"));
  }
  return {};
}

bool is_token(std::string_view text) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::ranges::all_of(text, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           kSpecials.find(c) != std::string_view::npos;
  });
}

std::vector<std::string> strings(const json::object& doc, std::string_view path) {
  std::vector<std::string> out;
  if (const auto* values = json::get_array(doc, path)) {
    for (const auto& value : *values) {
      if (value.is_string()) out.emplace_back(value.as_string());
    }
  }
  return out;
}

void check_retention(const json::object& doc, std::string_view object, Validation& validation) {
  const std::string base = std::string(object) + ".delete";
  if (!json::get_bool(doc, base + ".enabled").value_or(false)) return;
  if (json::get_int(doc, base + ".numberOfDaysToRetain").value_or(0) <= 0) {
    const std::string name = field(base + ".numberOfDaysToRetain");
    validation.add(name, "[invalid]" + name,
                   "The [" + name + "] property must be greater than 0 when deletion is enabled.");
  }
}

void check_cors(const json::object& doc, Validation& validation) {
  const auto max_age = json::get_int(doc, "corsConfiguration.preflightMaxAgeInSeconds");
  if (max_age && *max_age < -1) {
    const std::string name = field("corsConfiguration.preflightMaxAgeInSeconds");
    validation.add(name, "[tooSmall]" + name, "The [" + name + "] property must be -1 or greater.");
  }
  const auto origins = strings(doc, "corsConfiguration.allowedOrigins");
  const std::string origins_field = field("corsConfiguration.allowedOrigins");
  const bool wildcard = std::ranges::find(origins, "*") != origins.end();
  if (wildcard && origins.size() != 1) {
    validation.add(
        origins_field, "[invalid]" + origins_field,
        "When the wildcard [*] is in [" + origins_field + "] no other origin may be specified.");
  }
  for (const auto& origin : origins) {
    if (origin != "*" && !normalize_origin(origin)) {
      // Latchkey is stricter than FusionAuth here: an entry that is no origin could never
      // match a browser's Origin header, so it is refused rather than silently ignored.
      validation.add(origins_field, "[invalid]" + origins_field,
                     "The origin [" + origin +
                         "] must be a scheme, a host and an optional port, such as "
                         "[https://app.example.com:8443].");
    }
  }
  for (const auto& method : strings(doc, "corsConfiguration.allowedMethods")) {
    if (std::ranges::find(kMethods, method) == kMethods.end()) {
      const std::string name = field("corsConfiguration.allowedMethods");
      validation.add(name, "[invalid]" + name,
                     "The method [" + method +
                         "] is not one of GET, POST, PUT, DELETE, HEAD, OPTIONS or PATCH.");
    }
  }
  // Security: these become response header values; only header names may be listed.
  for (const std::string_view list : {"allowedHeaders", "exposedHeaders"}) {
    for (const auto& name : strings(doc, "corsConfiguration." + std::string(list))) {
      if (!is_token(name)) {
        const std::string path = field("corsConfiguration." + std::string(list));
        validation.add(path, "[invalid]" + path,
                       "The value [" + name + "] is not an HTTP header name.");
      }
    }
  }
}

void check_trusted_proxies(const json::object& doc, Validation& validation) {
  const auto policy = json::get_string(doc, "trustedProxyConfiguration.trustPolicy");
  if (policy && *policy != "All" && *policy != "OnlyConfigured") {
    const std::string name = field("trustedProxyConfiguration.trustPolicy");
    validation.add(name, "[invalid]" + name,
                   "The [" + name + "] property must be All or OnlyConfigured.");
  }
  const auto trusted = strings(doc, "trustedProxyConfiguration.trusted");
  for (std::size_t i = 0; i < trusted.size(); ++i) {
    if (!IpNetwork::parse(trusted[i])) {
      validation.add(field("trustedProxyConfiguration.trusted[" + std::to_string(i) + "]"),
                     "[invalid]" + field("trustedProxyConfiguration.trusted"),
                     "The value [" + trusted[i] + "] is not an IP address or a CIDR network.");
    }
  }
}

// FusionAuth's rules (DefaultSystemConfigurationService.validate, as documented in
// apis/_system-configuration-request-body.mdx), after the field types.
Status validate(json::object& doc) {
  LATCHKEY_CHECK(require_field_types(doc, kPrefix, kSystemConfiguration));
  Validation validation;
  const std::string zone_field = field("reportTimezone");
  if (is_blank(doc, "reportTimezone")) {
    validation.add(zone_field, "[missing]" + zone_field,
                   "You must specify the [" + zone_field + "] property.");
  } else if (!is_known_time_zone(json::get_string(doc, "reportTimezone").value_or(""))) {
    validation.add(zone_field, "[invalid]" + zone_field,
                   "The [" + zone_field +
                       "] property must be a time zone, such as "
                       "[America/Denver].");
  }
  check_retention(doc, "auditLogConfiguration", validation);
  check_retention(doc, "loginRecordConfiguration", validation);
  check_retention(doc, "webhookEventLogConfiguration", validation);
  if (json::get_int(doc, "eventLogConfiguration.numberToRetain").value_or(0) <= 0) {
    const std::string name = field("eventLogConfiguration.numberToRetain");
    validation.add(name, "[invalid]" + name, "The [" + name + "] property must be greater than 0.");
  }
  check_cors(doc, validation);
  check_trusted_proxies(doc, validation);
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

// A legacy PATCH appends arrays, so PATCHing the methods FusionAuth's defaults already list
// would repeat them; a list of header names or methods means the same without repeats.
void remove_repeats(json::object& doc) {
  auto* cors = doc.if_contains("corsConfiguration");
  if (cors == nullptr || !cors->is_object()) return;
  for (const std::string_view name :
       {"allowedHeaders", "allowedMethods", "allowedOrigins", "exposedHeaders"}) {
    auto* list = cors->as_object().if_contains(name);
    if (list == nullptr || !list->is_array()) continue;
    json::array unique;
    for (const auto& value : list->as_array()) {
      if (std::ranges::find(unique, value) == unique.end()) unique.push_back(value);
    }
    *list = std::move(unique);
  }
}

}  // namespace

const Schema kSystemConfigurationRequest = kRequest;

json::object default_system_configuration() {
  const json::object retain_a_year{{"enabled", false}, {"numberOfDaysToRetain", 365}};
  return json::object{
      {"auditLogConfiguration", json::object{{"delete", retain_a_year}}},
      // operate/secure/cors.mdx "Default Configuration".
      {"corsConfiguration",
       json::object{
           {"allowCredentials", false},
           {"allowedHeaders",
            json::array{"Accept", "Access-Control-Request-Headers", "Access-Control-Request-Method",
                        "Authorization", "Content-Type", "Last-Modified", "Origin",
                        "X-FusionAuth-TenantId", "X-Requested-With"}},
           {"allowedMethods", json::array{"GET", "OPTIONS"}},
           {"allowedOrigins", json::array{}},
           {"debug", false},
           {"enabled", false},
           {"exposedHeaders",
            json::array{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials"}},
           {"preflightMaxAgeInSeconds", 1800},
       }},
      {"data", json::object{}},
      {"eventLogConfiguration", json::object{{"numberToRetain", 10000}}},
      {"loginRecordConfiguration", json::object{{"delete", retain_a_year}}},
      {"reportTimezone", "America/Denver"},
      {"trustedProxyConfiguration",
       json::object{{"trustPolicy", "All"}, {"trusted", json::array{}}}},
      {"uiConfiguration", json::object{}},
      // Latchkey collects no usage data, so it says so.
      {"usageDataConfiguration", json::object{{"enabled", false}, {"numberOfDaysToRetain", 366}}},
      {"webhookEventLogConfiguration",
       json::object{{"enabled", true},
                    {"delete", json::object{{"enabled", true}, {"numberOfDaysToRetain", 30}}}}},
  };
}

SystemConfigurationService::SystemConfigurationService(store::SystemConfigurationStore& store,
                                                       const Clock& clock)
    : store_(store), clock_(clock) {
  auto stored = store_.find_system_configuration();
  publish(stored ? std::move(*stored) : default_system_configuration());
}

void SystemConfigurationService::ensure_defaults() {
  const std::lock_guard lock(write_mutex_);
  json::object defaults = default_system_configuration();
  stamp_created(defaults, clock_.now());
  store_.insert_system_configuration(defaults);
  // Another node may have written first: publish what is stored.
  auto stored = store_.find_system_configuration();
  publish(stored ? std::move(*stored) : std::move(defaults));
}

void SystemConfigurationService::publish(json::object document) {
  auto snapshot = std::make_shared<SystemConfigurationSnapshot>();
  snapshot->cors = CorsPolicy::from_json(json::get_object(document, "corsConfiguration") != nullptr
                                             ? *json::get_object(document, "corsConfiguration")
                                             : json::object{});
  snapshot->document = std::move(document);
  snapshot_.store(std::move(snapshot), std::memory_order_release);
}

Result<json::object> SystemConfigurationService::retrieve(const Caller& caller) const {
  LATCHKEY_CHECK(require_global_caller(caller));
  return current()->document;
}

Result<json::object> SystemConfigurationService::update(const Caller& caller,
                                                        json::object configuration) {
  LATCHKEY_CHECK(require_global_caller(caller));
  const std::lock_guard lock(write_mutex_);
  return write(std::move(configuration));
}

Result<json::object> SystemConfigurationService::patch(const Caller& caller,
                                                       const json::object& patch,
                                                       PatchStyle style) {
  LATCHKEY_CHECK(require_global_caller(caller));
  // Under the lock, so two concurrent PATCHes of different members both land.
  const std::lock_guard lock(write_mutex_);
  return write(patched(current()->document, patch, style));
}

Result<json::object> SystemConfigurationService::write(json::object configuration) {
  LATCHKEY_CHECK(require_field_types(configuration, kPrefix, kSystemConfiguration));
  // Every member left out takes its default, except the one FusionAuth requires.
  json::object defaults = default_system_configuration();
  defaults.erase("reportTimezone");
  json::apply_defaults(configuration, defaults);
  remove_repeats(configuration);
  LATCHKEY_CHECK(validate(configuration));
  stamp_updated(configuration, current()->document, clock_.now(), {});
  // Validated in full before this one write, so a refused request changes nothing.
  store_.save_system_configuration(configuration);
  publish(configuration);
  return configuration;
}

}  // namespace latchkey::services
