#pragma once
// Internal to jose: reading and writing key PEM with OpenSSL.

#include <string>
#include <string_view>

#include "jose/openssl_handles.hpp"

namespace latchkey::jose::pem {

struct ParsedKey {
  ossl::EvpPkeyPtr pkey;
  bool has_private = false;
};

// The first private key, public key or certificate public key found in `text`; an empty
// pkey when there is none. Never prompts for a passphrase.
ParsedKey read_key(std::string_view text);

std::string write_public(EVP_PKEY* pkey);
std::string write_private_pkcs8(EVP_PKEY* pkey);

}  // namespace latchkey::jose::pem
