#include "services/keys/signing_key_rules.hpp"

#include <string>

#include "services/keys/key_visibility.hpp"

namespace latchkey::services {

Status validate_signing_keys(const json::object& doc, std::string_view prefix,
                             const ConfigSnapshot& config, const std::optional<Uuid>& scope) {
  Validation validation;
  const auto check = [&](const char* member, bool must_sign) {
    const std::string path = std::string("jwtConfiguration.") + member;
    const auto text = json::get_string(doc, path);
    if (!text) return;
    const auto id = Uuid::parse(*text);
    const KeyEntry* entry = id ? config.find_key(*id) : nullptr;
    bool usable = entry != nullptr && (!must_sign || (entry->key && entry->key->can_sign()));
    // Security: visibility is judged on the configuration before this change, so naming a key
    // cannot make it visible.
    if (usable && scope && !key_visible_to_tenant(config, entry->record, *scope)) {
      usable = false;
    }
    if (!usable) {
      const std::string field = std::string(prefix) + "." + path;
      validation.add(field, "[invalid]" + field,
                     "The key [" + *text + "] does not exist or cannot sign access tokens.");
    }
  };
  check("accessTokenKeyId", true);
  check("idTokenKeyId", false);
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

}  // namespace latchkey::services
