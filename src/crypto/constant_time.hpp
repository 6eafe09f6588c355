#pragma once
// Comparing secrets (API keys, client secrets, CSRF tokens, derived password hashes) without
// telling an attacker, through the response time, how much of their guess was right.
//
//   if (!crypto::constant_time_equals(presented_secret, client.secret)) return fail(...);

#include <string_view>

namespace latchkey::crypto {

// True when a and b hold the same bytes.
//
// Security: both inputs are reduced to SHA-256 digests and the two 32-byte digests are compared
// with CRYPTO_memcmp, which always reads every byte. So the time taken depends neither on where
// the inputs first differ nor on whether their lengths match (a plain length check would answer
// early and reveal the secret's length). The only length-dependent work is hashing each input,
// which is linear in the input and says nothing about the other one's content. A SHA-256
// collision would be needed to make different inputs compare equal.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace latchkey::crypto
