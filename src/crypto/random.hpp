#pragma once
// Randomness for everything that must not be guessed: salts, nonces, refresh tokens, ids,
// API keys. All of it comes from OpenSSL's CSPRNG (RAND_bytes); a failing CSPRNG throws, since
// no caller can do anything sensible with predictable bytes.
//
//   const std::string refresh_token = crypto::random_token();   // 43 chars, 256 bits
//   const Uuid user_id = crypto::random_uuid();

#include <cstddef>
#include <string>

#include "core/uuid.hpp"

namespace latchkey::crypto {

// n raw bytes from RAND_bytes. Throws std::runtime_error if the CSPRNG fails.
std::string random_bytes(std::size_t n);

// `bytes` random bytes as unpadded base64url (RFC 4648 §5): safe in URLs, cookies and JSON
// without escaping. The default 32 bytes (256 bits) is far beyond guessing.
std::string random_token(std::size_t bytes = 32);

// A random (version 4, RFC 9562 §5.4) UUID: 122 random bits.
Uuid random_uuid();

// `length` characters drawn uniformly from [A-Za-z0-9].
std::string random_alphanumeric(std::size_t length);

}  // namespace latchkey::crypto
