#pragma once
// Whether the database can serve a query right now (GET /api/status). Its own interface so the
// status handler names nothing wider.

namespace latchkey::store {

class HealthCheck {
 public:
  virtual ~HealthCheck() = default;
  virtual bool healthy() = 0;
};

}  // namespace latchkey::store
