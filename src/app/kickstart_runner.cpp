#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/app.hpp"
#include "crypto/random.hpp"

namespace latchkey::app {
namespace {

namespace fs = std::filesystem;

Error kickstart_error(std::string message) {
  return Error::general(HttpStatus::kBadRequest, "[kickstart]", std::move(message));
}

void remove_database_files(const fs::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::remove(path.string() + suffix, ignored);
  }
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(kickstart_error("cannot read the kickstart file " + path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The kickstart's own `welcome` lines (a Latchkey extension; FusionAuth ignores it).
std::vector<std::string> welcome_lines(const std::string& text,
                                       const services::EnvironmentLookup& environment) {
  std::vector<std::string> lines;
  const auto file = json::parse_object(text);
  if (!file) return lines;
  const auto* welcome = json::get_array(*file, "welcome");
  if (welcome == nullptr) return lines;
  // Resolve the lines with the file's own variables by running them through the parser as a
  // request body: one substitution engine, one set of rules.
  json::object probe = *file;
  json::array requests;
  requests.push_back(json::object{
      {"method", "POST"}, {"url", "/welcome"}, {"body", json::object{{"lines", *welcome}}}});
  probe["requests"] = std::move(requests);
  const auto plan =
      services::parse_kickstart(json::serialize(probe), environment, crypto::random_uuid());
  if (!plan || plan->requests.empty()) return lines;
  const auto body = json::parse_object(plan->requests.front().body);
  if (const auto* resolved = body ? json::get_array(*body, "lines") : nullptr) {
    for (const auto& line : *resolved) {
      if (line.is_string()) lines.emplace_back(line.as_string());
    }
  }
  return lines;
}

}  // namespace

Result<std::vector<std::string>> prepare_database(const Config& config) {
  if (!config.kickstart_file) {
    App app(config);  // migrates and creates the first-start state
    return std::vector<std::string>{};
  }
  LATCHKEY_TRY(const std::string text, read_file(*config.kickstart_file));
  // #{ENV.LATCHKEY_PUBLIC_URL} is the public URL in effect, however it was configured (flag,
  // environment, config file or the listen address), so a kickstart can name it.
  const services::EnvironmentLookup environment =
      [process = services::process_environment(),
       public_url = config.public_url](const std::string& name) -> std::optional<std::string> {
    if (name == "LATCHKEY_PUBLIC_URL") return public_url;
    return process(name);
  };
  const Uuid fallback_tenant_id = crypto::random_uuid();
  LATCHKEY_TRY(const auto plan, services::parse_kickstart(text, environment, fallback_tenant_id));
  // #{FUSIONAUTH_TENANT_ID} and the Default tenant must be the same id.
  const Uuid default_tenant_id = plan.default_tenant_id.value_or(fallback_tenant_id);
  auto welcome = welcome_lines(text, environment);

  const fs::path database(config.database.sqlite_path);
  if (database.has_parent_path()) fs::create_directories(database.parent_path());
  {
    App existing(config, default_tenant_id);
    if (!existing.untouched()) {
      spdlog::info("kickstart skipped: the database is already in use");
      return welcome;
    }
  }
  // Security/durability: build the kickstarted database beside the real one and swap it in
  // only when every step succeeded, so a failing kickstart leaves nothing half-applied.
  const fs::path staging = database.string() + ".kickstart";
  remove_database_files(staging);
  Config staging_config = config;
  staging_config.database.sqlite_path = staging.string();
  Status applied;
  {
    App app(staging_config, default_tenant_id);
    applied = app.apply_kickstart(plan);
  }  // closing the last connection checkpoints the WAL into the file
  if (!applied) {
    remove_database_files(staging);
    return fail(std::move(applied).error());
  }
  remove_database_files(database);
  fs::rename(staging, database);
  remove_database_files(staging);  // any leftover -wal/-shm of the staging file
  spdlog::info("kickstart applied: {} API keys, {} requests", plan.api_keys.size(),
               plan.requests.size());
  return welcome;
}

}  // namespace latchkey::app
