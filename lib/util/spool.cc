#include "util/spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace im {

SpoolBuf::SpoolBuf(size_t memory_limit) : limit_(memory_limit) {}

SpoolBuf::~SpoolBuf() {
  if (fd_ >= 0) ::close(fd_);
}

std::streambuf::int_type SpoolBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  text_.push_back(traits_type::to_char_type(c));
  if (text_.size() > limit_) spill();
  return c;
}

std::streamsize SpoolBuf::xsputn(const char* s, std::streamsize n) {
  text_.append(s, static_cast<size_t>(n));
  if (text_.size() > limit_) spill();
  return n;
}

namespace {

bool write_whole(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

void SpoolBuf::spill() {
  if (no_file_ || error_ != 0) return;
  if (fd_ < 0) {
    const char* dir = std::getenv("TMPDIR");
    std::string path = std::string(dir && *dir ? dir : "/tmp") + "/ingress-migrate-spool-XXXXXX";
    std::vector<char> name(path.begin(), path.end());
    name.push_back('\0');
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0) {
      no_file_ = true;
      return;
    }
    // Unlinked at once: the file disappears with the process, however it ends.
    ::unlink(name.data());
  }
  if (!write_whole(fd_, text_.data(), text_.size())) {
    error_ = errno != 0 ? errno : EIO;
    return;
  }
  spilled_ += text_.size();
  text_.clear();
}

std::string SpoolBuf::copy_to(std::ostream& out) {
  if (error_ != 0) return std::string("cannot write the temporary output file: ") + std::strerror(error_);
  if (fd_ >= 0) {
    if (::lseek(fd_, 0, SEEK_SET) < 0) return std::string("cannot read the temporary output file: ") + std::strerror(errno);
    std::vector<char> block(1u << 16);
    size_t left = spilled_;
    while (left > 0) {
      ssize_t n = ::read(fd_, block.data(), std::min(block.size(), left));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        return std::string("cannot read the temporary output file: ") +
               (n < 0 ? std::strerror(errno) : "it is shorter than what was written");
      }
      out.write(block.data(), n);
      left -= static_cast<size_t>(n);
    }
  }
  out << text_;
  return "";
}

}  // namespace im
