#pragma once
// Turns a stored Key Master record into a usable jose::Key, bound to the record's algorithm.
// Shadow keys have no material of their own (they sign with an application's client secret).

#include <optional>

#include "domain/records.hpp"
#include "jose/key.hpp"

namespace latchkey::services {

std::optional<jose::Algorithm> key_algorithm(const domain::SigningKey& record);
std::optional<jose::Key> materialize(const domain::SigningKey& record);

}  // namespace latchkey::services
