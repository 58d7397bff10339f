#include "util/fd_ostream.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace im {

FdStreambuf::FdStreambuf(int fd, size_t buffer_size) : fd_(fd), buffer_(buffer_size) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdStreambuf::~FdStreambuf() { flush_buffer(); }

bool FdStreambuf::write_all(const char* data, size_t size) {
  if (error_ != 0) return false;  // after a failure nothing more may land
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n < 0 ? errno : EIO;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool FdStreambuf::flush_buffer() {
  const size_t pending = static_cast<size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return pending == 0 || write_all(buffer_.data(), pending);
}

FdStreambuf::int_type FdStreambuf::overflow(int_type c) {
  if (!flush_buffer()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

int FdStreambuf::sync() { return flush_buffer() ? 0 : -1; }

std::streamsize FdStreambuf::xsputn(const char* s, std::streamsize n) {
  const size_t size = static_cast<size_t>(n);
  if (size <= static_cast<size_t>(epptr() - pptr())) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(n));
    return n;
  }
  // Larger than the room left: write what is buffered, then this directly.
  if (!flush_buffer() || !write_all(s, size)) return 0;
  return n;
}

namespace {

int stream_error(const std::ostream& out) {
  const auto* buf = dynamic_cast<const FdStreambuf*>(out.rdbuf());
  return buf ? buf->error() : 0;
}

}  // namespace

std::string write_error_text(const std::ostream& out) {
  const int err = stream_error(out);
  return err != 0 ? std::strerror(err) : "write error";
}

bool is_closed_pipe(const std::ostream& out) { return stream_error(out) == EPIPE; }

}  // namespace im
