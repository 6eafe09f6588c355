#include <stdexcept>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "jose/jws.hpp"
#include "jose/jws_signature.hpp"

namespace latchkey::jose {

std::string sign(const boost::json::object& header_extra, const boost::json::object& payload,
                 const Key& key) {
  if (!key.can_sign()) throw std::logic_error("jose::sign: key has no private part");
  // Security: `alg` comes from the key, never from the caller, so a header can not claim an
  // algorithm the signature was not made with.
  boost::json::object header;
  header["alg"] = jws_name(key.algorithm());
  for (const auto& [name, value] : header_extra) {
    if (name != "alg") header[name] = value;
  }
  std::string token = base64::encode_url(json::serialize(header));
  token.push_back('.');
  token += base64::encode_url(json::serialize(payload));
  const std::string signature = sign_input(token, key);
  token.push_back('.');
  token += base64::encode_url(signature);
  return token;
}

}  // namespace latchkey::jose
