#include "services/common/key_material.hpp"

namespace latchkey::services {

std::optional<jose::Algorithm> key_algorithm(const domain::SigningKey& record) {
  const auto name = json::get_string(record.data, "algorithm");
  if (!name) return std::nullopt;
  return jose::parse_fusionauth_name(*name);
}

std::optional<jose::Key> materialize(const domain::SigningKey& record) {
  const auto algorithm = key_algorithm(record);
  if (!algorithm) return std::nullopt;
  if (jose::is_hmac(*algorithm)) {
    if (!record.secret) return std::nullopt;  // a shadow key
    auto key = jose::Key::hmac(*algorithm, *record.secret);
    return key ? std::optional(std::move(*key)) : std::nullopt;
  }
  const auto pem = record.secret ? record.secret : json::get_string(record.data, "publicKey");
  if (!pem) return std::nullopt;
  auto key = jose::Key::from_pem(*algorithm, *pem);
  return key ? std::optional(std::move(*key)) : std::nullopt;
}

}  // namespace latchkey::services
