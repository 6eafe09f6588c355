#include "app/buffered_log_sink.hpp"

#include <spdlog/pattern_formatter.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace latchkey::app {
namespace {

std::atomic<std::uint64_t> next_serial{1};

// The buffer this thread has with each sink, found by the sink's serial number (an address
// could be reused by a later sink). Sinks live as long as the process in practice; an entry left
// by a destroyed sink is never matched again.
struct ThreadRegistration {
  std::uint64_t serial;
  void* buffer;
};
thread_local std::vector<ThreadRegistration> thread_registrations;

}  // namespace

BufferedLogSink::BufferedLogSink(int fd, std::chrono::milliseconds interval,
                                 std::size_t max_buffered_bytes)
    : fd_(fd),
      interval_(interval),
      max_buffered_bytes_(max_buffered_bytes),
      serial_(next_serial.fetch_add(1)),
      prototype_(std::make_unique<spdlog::pattern_formatter>()) {
  flusher_ = std::thread([this] { run_flusher(); });
}

BufferedLogSink::~BufferedLogSink() {
  {
    const std::lock_guard lock(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  flusher_.join();
  flush();
}

BufferedLogSink::ThreadBuffer& BufferedLogSink::local_buffer() {
  for (const auto& registration : thread_registrations) {
    if (registration.serial == serial_) return *static_cast<ThreadBuffer*>(registration.buffer);
  }
  auto buffer = std::make_shared<ThreadBuffer>();
  {
    const std::lock_guard lock(registry_mutex_);
    buffers_.push_back(buffer);
  }
  thread_registrations.push_back({serial_, buffer.get()});
  return *buffer;
}

void BufferedLogSink::refresh_formatter(ThreadBuffer& buffer) {
  const auto generation = formatter_generation_.load(std::memory_order_acquire);
  if (buffer.formatter && buffer.formatter_generation == generation) return;
  const std::lock_guard lock(registry_mutex_);
  buffer.formatter = prototype_->clone();
  buffer.formatter_generation = formatter_generation_.load(std::memory_order_relaxed);
}

void BufferedLogSink::log(const spdlog::details::log_msg& message) {
  ThreadBuffer& buffer = local_buffer();
  // The formatter belongs to this thread alone, so formatting happens outside any lock.
  refresh_formatter(buffer);
  spdlog::memory_buf_t formatted;
  buffer.formatter->format(message, formatted);
  const std::lock_guard lock(buffer.mutex);
  if (buffer.lines.size() + formatted.size() > max_buffered_bytes_) {
    ++buffer.dropped;
    return;
  }
  buffer.lines.append(formatted.data(), formatted.size());
}

void BufferedLogSink::flush() {
  const std::lock_guard writer(write_mutex_);
  std::vector<std::shared_ptr<ThreadBuffer>> buffers;
  {
    const std::lock_guard lock(registry_mutex_);
    buffers = buffers_;
  }
  std::string pending;
  for (const auto& buffer : buffers) {
    std::string lines;
    std::uint64_t dropped = 0;
    {
      const std::lock_guard lock(buffer->mutex);
      lines.swap(buffer->lines);
      std::swap(dropped, buffer->dropped);
    }
    pending += lines;
    if (dropped > 0) {
      pending += "log buffer full: " + std::to_string(dropped) + " lines dropped\n";
    }
  }
  write_all(pending);
}

void BufferedLogSink::set_pattern(const std::string& pattern) {
  set_formatter(std::make_unique<spdlog::pattern_formatter>(pattern));
}

void BufferedLogSink::set_formatter(std::unique_ptr<spdlog::formatter> formatter) {
  const std::lock_guard lock(registry_mutex_);
  prototype_ = std::move(formatter);
  formatter_generation_.fetch_add(1, std::memory_order_release);
}

void BufferedLogSink::run_flusher() {
  std::unique_lock lock(wake_mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    lock.unlock();
    flush();
    lock.lock();
  }
}

void BufferedLogSink::write_all(const std::string& text) const {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    // A closed or full descriptor cannot be reported anywhere better than here: give up on
    // this batch rather than spin.
    if (n <= 0) return;
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace latchkey::app
