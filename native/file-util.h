// native/file-util.h
// Opening a file the scans read (textscan.cc, fieldscan.cc).
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace lakeshift {

// Opens `path` for reading and tells its size; -1 with `error` set when that fails.
inline int OpenSized(const std::string& path, size_t* size, std::string* error) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::string("open failed: ") + std::strerror(errno);
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *error = std::string("stat failed: ") + std::strerror(errno);
    close(fd);
    return -1;
  }
  *size = static_cast<size_t>(st.st_size);
  return fd;
}

}  // namespace lakeshift
