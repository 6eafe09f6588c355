#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <memory>
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

std::optional<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `@{path}` and `&{path}` read files beside the kickstart file; the path was checked already
// (services/kickstart/include_path.hpp: relative, never climbing out of the directory).
services::IncludeReader include_reader(fs::path directory) {
  return [directory = std::move(directory)](const std::string& relative) -> Result<std::string> {
    const fs::path path = directory / relative;
    auto text = read_file(path);
    if (!text) return fail(kickstart_error("no readable file " + path.string()));
    return std::move(*text);
  };
}

// #{UUID()} answers the same sequence on every pass over the file, so the checking pass and
// the applying pass (and the Default tenant's id, when `defaultTenantId` is "#{UUID()}")
// agree. Each pass starts again from the first UUID.
class RepeatableUuids {
 public:
  std::function<Uuid()> pass() {
    next_ = 0;
    return [this] {
      if (next_ == issued_.size()) issued_.push_back(crypto::random_uuid());
      return issued_[next_++];
    };
  }

 private:
  std::vector<Uuid> issued_;
  std::size_t next_ = 0;
};

}  // namespace

Result<std::vector<std::string>> prepare_database(const Config& config) {
  if (!config.kickstart_file) {
    App app(config);  // migrates and creates the first-start state
    return std::vector<std::string>{};
  }
  const fs::path kickstart_path = fs::absolute(*config.kickstart_file);
  const auto text = read_file(kickstart_path);
  if (!text)
    return fail(kickstart_error("cannot read the kickstart file " + *config.kickstart_file));
  // #{ENV.LATCHKEY_PUBLIC_URL} is the public URL in effect, however it was configured (flag,
  // environment, config file or the listen address), so a kickstart can name it.
  services::KickstartContext context(crypto::random_uuid());
  context.environment = [process = services::process_environment(), public_url = config.public_url](
                            const std::string& name) -> std::optional<std::string> {
    if (name == "LATCHKEY_PUBLIC_URL") return public_url;
    return process(name);
  };
  context.read_include = include_reader(kickstart_path.parent_path());
  RepeatableUuids uuids;
  context.new_uuid = uuids.pass();
  // The first pass checks the whole file (variables, includes, requests) before the database
  // is touched and learns the Default tenant's id. The Default signing key does not exist yet:
  // its built-in reads as the nil UUID in this pass only.
  LATCHKEY_TRY(const auto checked, services::parse_kickstart(*text, context));
  // #{FUSIONAUTH_TENANT_ID} and the Default tenant must be the same id.
  context.default_tenant_id = checked.default_tenant_id.value_or(context.default_tenant_id);

  const fs::path database(config.database.sqlite_path);
  if (database.has_parent_path()) fs::create_directories(database.parent_path());
  {
    App existing(config, context.default_tenant_id);
    if (!existing.untouched()) {
      spdlog::info("kickstart skipped: the database is already in use");
      context.default_signing_key_id = existing.default_signing_key_id();
      context.new_uuid = uuids.pass();
      auto again = services::parse_kickstart(*text, context);
      return again ? again->welcome : checked.welcome;
    }
  }
  // Security/durability: build the kickstarted database beside the real one and swap it in
  // only when every step succeeded, so a failing kickstart leaves nothing half-applied.
  const fs::path staging = database.string() + ".kickstart";
  remove_database_files(staging);
  Config staging_config = config;
  staging_config.database.sqlite_path = staging.string();
  Result<services::KickstartPlan> plan = fail(kickstart_error("kickstart not applied"));
  Status applied;
  {
    App app(staging_config, context.default_tenant_id);
    // The applying pass: the same file and UUIDs, now with the instance's own key id.
    context.default_signing_key_id = app.default_signing_key_id();
    context.new_uuid = uuids.pass();
    plan = services::parse_kickstart(*text, context);
    applied = plan ? app.apply_kickstart(*plan) : Status(fail(plan.error()));
  }  // closing the last connection checkpoints the WAL into the file
  if (!applied) {
    remove_database_files(staging);
    return fail(std::move(applied).error());
  }
  remove_database_files(database);
  fs::rename(staging, database);
  remove_database_files(staging);  // any leftover -wal/-shm of the staging file
  spdlog::info("kickstart applied: {} API keys, {} requests", plan->api_keys.size(),
               plan->requests.size());
  return plan->welcome;
}

}  // namespace latchkey::app
