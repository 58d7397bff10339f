#pragma once
// Text written now and copied out later: held in memory up to a limit and
// past it in an unlinked temporary file. `convert` prints nothing until
// every object passed its CRD check, yet renders each object in the same
// pass that checks it; the spool holds the rendered text meanwhile, so a
// large output costs neither a second rendering nor memory in proportion
// to its size.

#include <cstddef>
#include <ostream>
#include <streambuf>
#include <string>

namespace im {

class SpoolBuf : public std::streambuf {
 public:
  explicit SpoolBuf(size_t memory_limit);
  ~SpoolBuf() override;
  SpoolBuf(const SpoolBuf&) = delete;
  SpoolBuf& operator=(const SpoolBuf&) = delete;

  /// Writes everything spooled so far to `out`, in order. Returns "" on
  /// success, else why the spooled text could not be read back or written.
  std::string copy_to(std::ostream& out);
  /// Bytes spooled so far.
  size_t size() const { return spilled_ + text_.size(); }
  /// Whether the text went to a temporary file (past the memory limit).
  bool spilled() const { return fd_ >= 0; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;

 private:
  /// Past the limit: moves the text held in memory to the temporary file,
  /// opening it first. Without a usable temporary directory the text stays
  /// in memory (correct, only larger); a failed write is remembered.
  void spill();

  size_t limit_;
  std::string text_;
  int fd_ = -1;
  bool no_file_ = false;  ///< creating the temporary file failed; keep to memory
  int error_ = 0;         ///< errno of a failed write to the file
  size_t spilled_ = 0;
};

class Spool : public std::ostream {
 public:
  /// The limit is what may stay in memory before text goes to a file in
  /// $TMPDIR (else /tmp).
  explicit Spool(size_t memory_limit = 4u << 20) : std::ostream(nullptr), buf_(memory_limit) { rdbuf(&buf_); }
  std::string copy_to(std::ostream& out) { return buf_.copy_to(out); }
  size_t size() const { return buf_.size(); }
  bool spilled() const { return buf_.spilled(); }

 private:
  SpoolBuf buf_;
};

}  // namespace im
