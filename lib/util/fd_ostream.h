#pragma once
// An output stream over a file descriptor that remembers why a write failed.
// std::cout says only that something failed; "No space left on device" is
// what a user needs to read, so the CLI writes standard output through this.

#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace im {

class FdStreambuf : public std::streambuf {
 public:
  explicit FdStreambuf(int fd, size_t buffer_size = 65536);
  ~FdStreambuf() override;
  /// errno of the first failed write; 0 while every write succeeded.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;

 private:
  bool flush_buffer();
  bool write_all(const char* data, size_t size);

  int fd_;
  int error_ = 0;
  std::vector<char> buffer_;
};

class FdOstream : public std::ostream {
 public:
  explicit FdOstream(int fd) : std::ostream(nullptr), buf_(fd) { rdbuf(&buf_); }

 private:
  FdStreambuf buf_;
};

/// Why writes to `out` failed: the strerror text when `out` writes through
/// an FdStreambuf that saw an error, else "write error".
std::string write_error_text(const std::ostream& out);

/// Whether the failure behind `out` is a reader that went away (EPIPE).
bool is_closed_pipe(const std::ostream& out);

}  // namespace im
