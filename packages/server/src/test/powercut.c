/*
 * powercut: a power cut for one directory tree, for tests.
 *
 * Built twice from this file:
 *   cc -shared -fPIC -o powercut.so powercut.c -ldl      (LD_PRELOAD shim)
 *   cc -DPOWERCUT_MAIN -o powercut powercut.c            (the "power cut" itself)
 *
 * The shim lets every write reach the real file, but first saves what it overwrites in an undo
 * log, so that whatever was not made durable can be taken back later:
 *
 * - file contents: before a write (write, pwrite, pwritev, ftruncate, fallocate, O_TRUNC) to a
 *   file under POWERCUT_ROOT, the old bytes of that range and the file's size at its last fsync
 *   go to STATE/d-DEV-INO; fsync or fdatasync on that inode (any descriptor, any process) empties
 *   the log. STATE/i-DEV-INO is a hard link that keeps the inode reachable whatever its name.
 * - names: creating (open O_CREAT, link), renaming, unlinking and making or removing directories is logged (with hard
 *   links keeping replaced or unlinked files) in STATE/ns.log; an operation counts as durable only
 *   once every directory it changed was fsynced afterwards (POSIX: fsync of a file does not make
 *   its directory entry durable).
 *
 * After the processes are killed with SIGKILL, `powercut rollback STATE` undoes every write and
 * every name change that was not durable: the directory is then what the disk would hold after a
 * power cut that dropped everything not yet synced (the harshest cut POSIX allows).
 *
 * POWERCUT_DROP_FSYNC=1 makes fsync and fdatasync count for nothing (the call still runs): the
 * program then behaves, for the cut, as if it never synced; the test uses it to prove its power.
 * POWERCUT_FSYNC_DELAY_MS=N makes every fsync take N ms more, as on a slow disk, so that a write
 * acknowledged before its fsync returned is still undone by a cut that comes meanwhile.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef POWERCUT_MAIN
#include <pthread.h>

static char root[PATH_MAX];
static size_t root_len;
static char state[PATH_MAX];
static int drop_fsync;
static useconds_t fsync_delay_us;
static int ns_fd = -1;
static int ready;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned long counter;

#define REAL(ret, name, ...)                                   \
  static ret (*real_##name)(__VA_ARGS__);                      \
  static void resolve_##name(void) {                           \
    if (!real_##name) real_##name = dlsym(RTLD_NEXT, #name);   \
  }
REAL(int, open, const char *, int, ...)
REAL(int, openat, int, const char *, int, ...)
REAL(ssize_t, write, int, const void *, size_t)
REAL(ssize_t, pwrite, int, const void *, size_t, off_t)
REAL(ssize_t, writev, int, const struct iovec *, int)
REAL(ssize_t, pwritev, int, const struct iovec *, int, off_t)
REAL(ssize_t, pwritev2, int, const struct iovec *, int, off_t, int)
REAL(int, ftruncate, int, off_t)
REAL(int, truncate, const char *, off_t)
REAL(int, fallocate, int, int, off_t, off_t)
REAL(int, posix_fallocate, int, off_t, off_t)
REAL(int, fsync, int)
REAL(int, fdatasync, int)
REAL(int, rename, const char *, const char *)
REAL(int, renameat, int, const char *, int, const char *)
REAL(int, renameat2, int, const char *, int, const char *, unsigned int)
REAL(int, unlink, const char *)
REAL(int, unlinkat, int, const char *, int)
REAL(int, mkdir, const char *, mode_t)
REAL(int, mkdirat, int, const char *, mode_t)
REAL(int, rmdir, const char *)
REAL(int, link, const char *, const char *)
REAL(int, linkat, int, const char *, int, const char *, int)
REAL(void, sync, void)
REAL(int, syncfs, int)

static void die(const char *what) {
  char msg[PATH_MAX + 128];
  int n = snprintf(msg, sizeof msg, "powercut: %s: %s\n", what, strerror(errno));
  resolve_write();
  real_write(2, msg, n);
  abort();
}

__attribute__((constructor)) static void init(void) {
  resolve_open();
  resolve_openat();
  resolve_write();
  const char *r = getenv("POWERCUT_ROOT");
  const char *s = getenv("POWERCUT_STATE");
  if (!r || !s || !*r || !*s) return;
  if (!realpath(r, root)) die("POWERCUT_ROOT");
  if (!realpath(s, state)) die("POWERCUT_STATE");
  root_len = strlen(root);
  drop_fsync = getenv("POWERCUT_DROP_FSYNC") && strcmp(getenv("POWERCUT_DROP_FSYNC"), "1") == 0;
  if (getenv("POWERCUT_FSYNC_DELAY_MS")) fsync_delay_us = (useconds_t)atoi(getenv("POWERCUT_FSYNC_DELAY_MS")) * 1000;
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/ns.log", state);
  ns_fd = real_open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (ns_fd < 0) die(path);
  char line[64];
  int n = snprintf(line, sizeof line, "P\t%d\n", (int)getpid());
  real_write(ns_fd, line, n);
  ready = 1;
}

static int under_root(const char *abs) {
  return ready && strncmp(abs, root, root_len) == 0 && (abs[root_len] == '/' || abs[root_len] == 0);
}

/* The absolute path a descriptor names, or "" if none. */
static void fd_path(int fd, char *out) {
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, out, PATH_MAX - 1);
  out[n < 0 ? 0 : n] = 0;
}

/* An absolute path for (dirfd, path), the parent resolved through symlinks; "" if unresolvable. */
static void abs_path(int dirfd, const char *path, char *out) {
  char joined[PATH_MAX * 2];
  if (path[0] == '/') {
    snprintf(joined, sizeof joined, "%s", path);
  } else if (dirfd == AT_FDCWD) {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return (void)(out[0] = 0);
    snprintf(joined, sizeof joined, "%s/%s", cwd, path);
  } else {
    char dir[PATH_MAX];
    fd_path(dirfd, dir);
    snprintf(joined, sizeof joined, "%s/%s", dir, path);
  }
  size_t len = strlen(joined);
  while (len > 1 && joined[len - 1] == '/') joined[--len] = 0;
  char *slash = strrchr(joined, '/');
  char parent[PATH_MAX];
  *slash = 0;
  if (!realpath(joined[0] ? joined : "/", parent)) return (void)(out[0] = 0);
  *slash = '/';
  snprintf(out, PATH_MAX, "%s/%s", strcmp(parent, "/") == 0 ? "" : parent, slash + 1);
}

static void parent_of(const char *abs, char *out) {
  snprintf(out, PATH_MAX, "%s", abs);
  char *slash = strrchr(out, '/');
  if (slash) *slash = 0;
}

static void ns_log(const char *fmt, ...) {
  char line[PATH_MAX * 3 + 64];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (real_write(ns_fd, line, n) != n) die("ns.log");
}

/* Keeps the file at abs reachable as STATE/s-NAME; NAME is written to out ("-" if no file). */
static void save_link(const char *abs, char *out) {
  struct stat st;
  strcpy(out, "-");
  if (lstat(abs, &st) != 0 || S_ISDIR(st.st_mode)) return;
  pthread_mutex_lock(&mu);
  unsigned long n = ++counter;
  pthread_mutex_unlock(&mu);
  char saved[PATH_MAX];
  snprintf(out, 64, "%d-%lu", (int)getpid(), n);
  snprintf(saved, sizeof saved, "%s/s-%s", state, out);
  resolve_link();
  if (real_link(abs, saved) != 0) die("link saved");
}

/* ---- file contents ---- */

struct inode_log {
  dev_t dev;
  ino_t ino;
  int fd;
  /* A forked child must not share its parent's descriptor: flock locks belong to open files. */
  pid_t pid;
};
static struct inode_log *logs;
static size_t nlogs, caplogs;

/* This process's descriptor for the undo log of fd's inode (created with its hard link). */
static int log_fd(int fd, const struct stat *st) {
  pthread_mutex_lock(&mu);
  for (size_t i = 0; i < nlogs; i++) {
    if (logs[i].dev == st->st_dev && logs[i].ino == st->st_ino && logs[i].pid == getpid()) {
      int lfd = logs[i].fd;
      pthread_mutex_unlock(&mu);
      return lfd;
    }
  }
  char path[PATH_MAX], link_path[PATH_MAX], proc[64];
  snprintf(link_path, sizeof link_path, "%s/i-%lu-%lu", state, (unsigned long)st->st_dev, (unsigned long)st->st_ino);
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  resolve_linkat();
  if (real_linkat(AT_FDCWD, proc, AT_FDCWD, link_path, AT_SYMLINK_FOLLOW) != 0 && errno != EEXIST) die("link inode");
  snprintf(path, sizeof path, "%s/d-%lu-%lu", state, (unsigned long)st->st_dev, (unsigned long)st->st_ino);
  int lfd = real_open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (lfd < 0) die(path);
  if (nlogs == caplogs) {
    caplogs = caplogs ? caplogs * 2 : 64;
    logs = realloc(logs, caplogs * sizeof *logs);
  }
  logs[nlogs++] = (struct inode_log){st->st_dev, st->st_ino, lfd, getpid()};
  pthread_mutex_unlock(&mu);
  return lfd;
}

/* The undo log of fd's file, locked, if the file is a regular file under the root; else -1. */
static int begin_change(int fd) {
  if (!ready) return -1;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
  char path[PATH_MAX];
  fd_path(fd, path);
  if (!under_root(path)) return -1;
  int lfd = log_fd(fd, &st);
  flock(lfd, LOCK_EX);
  struct stat lst;
  fstat(lfd, &lst);
  if (lst.st_size == 0) {
    /* First change since the last sync: note the size the disk holds. */
    uint64_t size = (uint64_t)st.st_size;
    if (real_write(lfd, &size, 8) != 8) die("undo header");
  }
  return lfd;
}

/* Saves the bytes [off, off+len) of fd as they are now (only the part inside the file). */
static void save_range(int lfd, int fd, off_t off, size_t len) {
  struct stat st;
  fstat(fd, &st);
  if (off >= st.st_size || len == 0) return;
  if ((off_t)len > st.st_size - off) len = st.st_size - off;
  char *buf = malloc(len + 16);
  ssize_t got = pread(fd, buf + 16, len, off);
  if (got < 0) die("pread");
  uint64_t hdr[2] = {(uint64_t)off, (uint64_t)got};
  memcpy(buf, hdr, 16);
  if (real_write(lfd, buf, 16 + got) != 16 + got) die("undo record");
  free(buf);
}

static void end_change(int lfd) {
  if (lfd >= 0) flock(lfd, LOCK_UN);
}

static off_t write_offset(int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0 && (fl & O_APPEND)) {
    struct stat st;
    fstat(fd, &st);
    return st.st_size;
  }
  return lseek(fd, 0, SEEK_CUR);
}

static int sync_flags(int fd) {
  int fl = fcntl(fd, F_GETFL);
  return fl >= 0 && (fl & (O_SYNC | O_DSYNC)) && !drop_fsync;
}

static void synced(int fd);

static size_t iov_len(const struct iovec *iov, int n) {
  size_t len = 0;
  for (int i = 0; i < n; i++) len += iov[i].iov_len;
  return len;
}

ssize_t write(int fd, const void *buf, size_t len) {
  resolve_write();
  int lfd = begin_change(fd);
  if (lfd >= 0) save_range(lfd, fd, write_offset(fd), len);
  ssize_t r = real_write(fd, buf, len);
  end_change(lfd);
  if (lfd >= 0 && sync_flags(fd)) synced(fd);
  return r;
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off) {
  resolve_pwrite();
  int lfd = begin_change(fd);
  if (lfd >= 0) save_range(lfd, fd, off, len);
  ssize_t r = real_pwrite(fd, buf, len, off);
  end_change(lfd);
  if (lfd >= 0 && sync_flags(fd)) synced(fd);
  return r;
}
ssize_t pwrite64(int fd, const void *buf, size_t len, off_t off) __attribute__((alias("pwrite")));

ssize_t writev(int fd, const struct iovec *iov, int n) {
  resolve_writev();
  int lfd = begin_change(fd);
  if (lfd >= 0) save_range(lfd, fd, write_offset(fd), iov_len(iov, n));
  ssize_t r = real_writev(fd, iov, n);
  end_change(lfd);
  if (lfd >= 0 && sync_flags(fd)) synced(fd);
  return r;
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t off) {
  resolve_pwritev();
  int lfd = begin_change(fd);
  if (lfd >= 0) save_range(lfd, fd, off, iov_len(iov, n));
  ssize_t r = real_pwritev(fd, iov, n, off);
  end_change(lfd);
  if (lfd >= 0 && sync_flags(fd)) synced(fd);
  return r;
}
ssize_t pwritev64(int fd, const struct iovec *iov, int n, off_t off) __attribute__((alias("pwritev")));

ssize_t pwritev2(int fd, const struct iovec *iov, int n, off_t off, int flags) {
  resolve_pwritev2();
  int lfd = begin_change(fd);
  if (lfd >= 0) save_range(lfd, fd, off == -1 ? write_offset(fd) : off, iov_len(iov, n));
  ssize_t r = real_pwritev2(fd, iov, n, off, flags);
  end_change(lfd);
  if (lfd >= 0 && (sync_flags(fd) || ((flags & (RWF_SYNC | RWF_DSYNC)) && !drop_fsync))) synced(fd);
  return r;
}
ssize_t pwritev64v2(int fd, const struct iovec *iov, int n, off_t off, int flags) __attribute__((alias("pwritev2")));

int ftruncate(int fd, off_t len) {
  resolve_ftruncate();
  int lfd = begin_change(fd);
  if (lfd >= 0) save_range(lfd, fd, len, SIZE_MAX / 2);
  int r = real_ftruncate(fd, len);
  end_change(lfd);
  return r;
}
int ftruncate64(int fd, off_t len) __attribute__((alias("ftruncate")));

int fallocate(int fd, int mode, off_t off, off_t len) {
  resolve_fallocate();
  int lfd = begin_change(fd);
  if (lfd >= 0 && (mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE | FALLOC_FL_COLLAPSE_RANGE)))
    save_range(lfd, fd, off, SIZE_MAX / 2);
  int r = real_fallocate(fd, mode, off, len);
  end_change(lfd);
  return r;
}
int fallocate64(int fd, int mode, off_t off, off_t len) __attribute__((alias("fallocate")));

int posix_fallocate(int fd, off_t off, off_t len) {
  resolve_posix_fallocate();
  int lfd = begin_change(fd);
  int r = real_posix_fallocate(fd, off, len);
  end_change(lfd);
  return r;
}
int posix_fallocate64(int fd, off_t off, off_t len) __attribute__((alias("posix_fallocate")));

/* ---- sync ---- */

/* Everything written to fd's inode so far is on disk: its undo log is emptied. */
static void synced(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) return;
  char path[PATH_MAX];
  fd_path(fd, path);
  if (!under_root(path)) return;
  if (S_ISDIR(st.st_mode)) {
    ns_log("S\t%s\n", path);
    return;
  }
  if (!S_ISREG(st.st_mode)) return;
  int lfd = log_fd(fd, &st);
  flock(lfd, LOCK_EX);
  resolve_ftruncate();
  real_ftruncate(lfd, 0);
  flock(lfd, LOCK_UN);
  ns_log("F\t%s\n", path);
}

/* The sync runs with the inode's undo log locked, so no write slips between the two. */
static int do_sync(int fd, int (*real)(int)) {
  if (!ready || drop_fsync) return real(fd);
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    int r = real(fd);
    if (r == 0) synced(fd);
    return r;
  }
  char path[PATH_MAX];
  fd_path(fd, path);
  if (!under_root(path)) return real(fd);
  int lfd = log_fd(fd, &st);
  /* A slow disk: what is acknowledged before its sync returns stays exposed that long. Only a sync
   * with something to write is slow (a start-up pass syncing every clean file stays quick). */
  struct stat lst;
  if (fsync_delay_us && fstat(lfd, &lst) == 0 && lst.st_size > 0) usleep(fsync_delay_us);
  flock(lfd, LOCK_EX);
  int r = real(fd);
  if (r == 0) {
    resolve_ftruncate();
    real_ftruncate(lfd, 0);
  }
  flock(lfd, LOCK_UN);
  if (r == 0) ns_log("F\t%s\n", path);
  return r;
}

int fsync(int fd) {
  resolve_fsync();
  return do_sync(fd, real_fsync);
}

int fdatasync(int fd) {
  resolve_fdatasync();
  return do_sync(fd, real_fdatasync);
}

/* sync() and syncfs() make everything durable; the tests' programs do not call them. */
void sync(void) {
  resolve_sync();
  real_sync();
  if (ready && !drop_fsync) ns_log("X\tsync\n");
}

int syncfs(int fd) {
  resolve_syncfs();
  int r = real_syncfs(fd);
  if (ready && !drop_fsync && r == 0) ns_log("X\tsyncfs\n");
  return r;
}

/* ---- names ---- */

static int open_common(int dirfd, const char *path, int flags, mode_t mode, int at) {
  char abs[PATH_MAX] = "";
  int tracked = 0;
  if (ready) {
    abs_path(dirfd, path, abs);
    tracked = under_root(abs);
  }
  if (tracked) {
    struct stat st;
    int exists = lstat(abs, &st) == 0;
    if (!exists && (flags & O_CREAT)) {
      char parent[PATH_MAX];
      parent_of(abs, parent);
      ns_log("C\t%s\t%s\n", abs, parent);
    }
    if (exists && S_ISREG(st.st_mode) && (flags & O_TRUNC) && st.st_size > 0) {
      /* O_TRUNC throws the content away: keep it first. */
      int fd = real_open(abs, O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        int lfd = begin_change(fd);
        if (lfd >= 0) save_range(lfd, fd, 0, SIZE_MAX / 2);
        end_change(lfd);
        close(fd);
      }
    }
  }
  return at ? real_openat(dirfd, path, flags, mode) : real_open(path, flags, mode);
}

static mode_t mode_arg(int flags, va_list ap) {
  return (flags & (O_CREAT | O_TMPFILE)) ? va_arg(ap, mode_t) : 0;
}

int open(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  resolve_open();
  return open_common(AT_FDCWD, path, flags, mode, 0);
}
int open64(const char *path, int flags, ...) __attribute__((alias("open")));

int openat(int dirfd, const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  resolve_openat();
  return open_common(dirfd, path, flags, mode, 1);
}
int openat64(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat")));

int __open_2(const char *path, int flags) {
  resolve_open();
  return open_common(AT_FDCWD, path, flags, 0, 0);
}
int __open64_2(const char *path, int flags) __attribute__((alias("__open_2")));
int __openat_2(int dirfd, const char *path, int flags) {
  resolve_openat();
  return open_common(dirfd, path, flags, 0, 1);
}
int __openat64_2(int dirfd, const char *path, int flags) __attribute__((alias("__openat_2")));

int creat(const char *path, mode_t mode) {
  resolve_open();
  return open_common(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode, 0);
}
int creat64(const char *path, mode_t mode) __attribute__((alias("creat")));

int truncate(const char *path, off_t len) {
  resolve_truncate();
  resolve_open();
  char abs[PATH_MAX] = "";
  if (ready) abs_path(AT_FDCWD, path, abs);
  if (!under_root(abs)) return real_truncate(path, len);
  int fd = real_open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  int r = ftruncate(fd, len);
  close(fd);
  return r;
}
int truncate64(const char *path, off_t len) __attribute__((alias("truncate")));

static void log_rename(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
  if (!ready) return;
  char from[PATH_MAX], to[PATH_MAX], pfrom[PATH_MAX], pto[PATH_MAX];
  abs_path(olddirfd, oldpath, from);
  abs_path(newdirfd, newpath, to);
  if (!under_root(from) && !under_root(to)) return;
  parent_of(from, pfrom);
  parent_of(to, pto);
  char saved[64];
  save_link(to, saved);
  ns_log("R\t%s\t%s\t%s\t%s\t%s\n", from, to, saved, pfrom, pto);
}

int rename(const char *oldpath, const char *newpath) {
  resolve_rename();
  log_rename(AT_FDCWD, oldpath, AT_FDCWD, newpath);
  return real_rename(oldpath, newpath);
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
  resolve_renameat();
  log_rename(olddirfd, oldpath, newdirfd, newpath);
  return real_renameat(olddirfd, oldpath, newdirfd, newpath);
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags) {
  resolve_renameat2();
  log_rename(olddirfd, oldpath, newdirfd, newpath);
  return real_renameat2(olddirfd, oldpath, newdirfd, newpath, flags);
}

static void log_remove(int dirfd, const char *path, int dir) {
  if (!ready) return;
  char abs[PATH_MAX], parent[PATH_MAX];
  abs_path(dirfd, path, abs);
  if (!under_root(abs)) return;
  parent_of(abs, parent);
  if (dir) {
    ns_log("D\t%s\t%s\n", abs, parent);
    return;
  }
  char saved[64];
  save_link(abs, saved);
  ns_log("U\t%s\t%s\t%s\n", abs, saved, parent);
}

int unlink(const char *path) {
  resolve_unlink();
  log_remove(AT_FDCWD, path, 0);
  return real_unlink(path);
}

int unlinkat(int dirfd, const char *path, int flags) {
  resolve_unlinkat();
  log_remove(dirfd, path, flags & AT_REMOVEDIR);
  return real_unlinkat(dirfd, path, flags);
}

int rmdir(const char *path) {
  resolve_rmdir();
  log_remove(AT_FDCWD, path, 1);
  return real_rmdir(path);
}

/* A new name (kind C: a hard link, undone by removing it; kind M: a directory, removed whole). */
static void log_new_name(int dirfd, const char *path, char kind) {
  if (!ready) return;
  char abs[PATH_MAX], parent[PATH_MAX];
  abs_path(dirfd, path, abs);
  if (!under_root(abs)) return;
  struct stat st;
  if (lstat(abs, &st) == 0) return;
  parent_of(abs, parent);
  ns_log("%c\t%s\t%s\n", kind, abs, parent);
}

int link(const char *oldpath, const char *newpath) {
  resolve_link();
  log_new_name(AT_FDCWD, newpath, 'C');
  return real_link(oldpath, newpath);
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags) {
  resolve_linkat();
  log_new_name(newdirfd, newpath, 'C');
  return real_linkat(olddirfd, oldpath, newdirfd, newpath, flags);
}

int mkdir(const char *path, mode_t mode) {
  resolve_mkdir();
  log_new_name(AT_FDCWD, path, 'M');
  return real_mkdir(path, mode);
}

int mkdirat(int dirfd, const char *path, mode_t mode) {
  resolve_mkdirat();
  log_new_name(dirfd, path, 'M');
  return real_mkdirat(dirfd, path, mode);
}

#else /* POWERCUT_MAIN: the power cut */

#include <ftw.h>

static const char *state;
static unsigned long files_reverted, bytes_restored, names_undone, names_kept, processes, file_syncs, dir_syncs;

static void fail(const char *what) {
  fprintf(stderr, "powercut: %s: %s\n", what, strerror(errno));
  exit(2);
}

/* Applies one undo log, newest record first, then cuts the file to its size at the last sync. */
static void revert_file(const char *name) {
  char path[PATH_MAX], inode[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", state, name);
  snprintf(inode, sizeof inode, "%s/i-%s", state, name + 2);
  FILE *f = fopen(path, "rb");
  if (!f) fail(path);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  rewind(f);
  if (size < 8) return (void)fclose(f);
  char *buf = malloc(size);
  if (fread(buf, 1, size, f) != (size_t)size) fail(path);
  fclose(f);
  uint64_t base;
  memcpy(&base, buf, 8);
  long *starts = NULL;
  size_t n = 0, cap = 0;
  for (long at = 8; at + 16 <= size;) {
    uint64_t hdr[2];
    memcpy(hdr, buf + at, 16);
    if (at + 16 + (long)hdr[1] > size) break; /* a record cut short: its write never happened */
    if (n == cap) starts = realloc(starts, (cap = cap ? cap * 2 : 64) * sizeof *starts);
    starts[n++] = at;
    at += 16 + (long)hdr[1];
  }
  int fd = open(inode, O_WRONLY);
  if (fd < 0) fail(inode);
  while (n-- > 0) {
    uint64_t hdr[2];
    memcpy(hdr, buf + starts[n], 16);
    if (pwrite(fd, buf + starts[n] + 16, hdr[1], (off_t)hdr[0]) != (ssize_t)hdr[1]) fail(inode);
    bytes_restored += hdr[1];
  }
  if (ftruncate(fd, (off_t)base) != 0) fail(inode);
  close(fd);
  free(starts);
  free(buf);
  files_reverted++;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

struct op {
  char kind;
  char *f[5];
  int nf;
};

static void saved_path(char *out, const char *name) {
  snprintf(out, PATH_MAX, "%s/s-%s", state, name);
}

static void tolerate(int r, const char *what) {
  if (r != 0 && errno != ENOENT && errno != EEXIST && errno != ENOTEMPTY) fail(what);
}

static void undo(const struct op *op) {
  char saved[PATH_MAX];
  switch (op->kind) {
    case 'C':
      tolerate(unlink(op->f[0]), op->f[0]);
      break;
    case 'M':
      if (nftw(op->f[0], remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT) fail(op->f[0]);
      break;
    case 'D':
      tolerate(mkdir(op->f[0], 0700), op->f[0]);
      break;
    case 'U':
      if (strcmp(op->f[1], "-") == 0) break;
      saved_path(saved, op->f[1]);
      tolerate(link(saved, op->f[0]), op->f[0]);
      break;
    case 'R':
      tolerate(rename(op->f[1], op->f[0]), op->f[1]);
      if (strcmp(op->f[2], "-") != 0) {
        saved_path(saved, op->f[2]);
        tolerate(link(saved, op->f[1]), op->f[1]);
      }
      break;
  }
}

int main(int argc, char **argv) {
  if (argc != 3 || strcmp(argv[1], "rollback") != 0) {
    fprintf(stderr, "usage: powercut rollback STATE_DIR  (after every process using the shim is dead)\n");
    return 2;
  }
  state = argv[2];
  DIR *dir = opendir(state);
  if (!dir) fail(state);
  struct dirent *e;
  while ((e = readdir(dir))) {
    if (strncmp(e->d_name, "d-", 2) == 0) revert_file(e->d_name);
  }
  closedir(dir);

  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/ns.log", state);
  FILE *f = fopen(path, "r");
  struct op *ops = NULL;
  size_t n = 0, cap = 0;
  char *line = NULL;
  size_t len = 0;
  while (f && getline(&line, &len, f) > 0) {
    line[strcspn(line, "\n")] = 0;
    struct op op = {line[0], {0}, 0};
    char *save = NULL;
    char *tok = strtok_r(line + 2, "\t", &save);
    while (tok && op.nf < 5) {
      op.f[op.nf++] = strdup(tok);
      tok = strtok_r(NULL, "\t", &save);
    }
    if (n == cap) {
      cap = cap ? cap * 2 : 256;
      ops = realloc(ops, cap * sizeof *ops);
    }
    ops[n++] = op;
  }
  if (f) fclose(f);
  /* Walk back from the end: a name change is durable once every directory it touched was synced
   * after it (S lines), or after a whole-system sync (X). */
  char **synced_dirs = NULL;
  size_t nsynced = 0;
  int all_synced = 0;
  unsigned char *durable = calloc(n ? n : 1, 1);
  for (size_t i = n; i-- > 0;) {
    struct op *op = &ops[i];
    if (op->kind == 'S') {
      synced_dirs = realloc(synced_dirs, (nsynced + 1) * sizeof *synced_dirs);
      synced_dirs[nsynced++] = op->f[0];
      dir_syncs++;
      continue;
    }
    if (op->kind == 'X') all_synced = 1;
    if (op->kind == 'F') file_syncs++;
    if (op->kind == 'P') processes++;
    if (strchr("CMDUR", op->kind) == NULL) continue;
    int first_dir = op->kind == 'R' ? 3 : op->kind == 'U' ? 2 : 1;
    int ok = all_synced;
    if (!ok) {
      ok = 1;
      for (int d = first_dir; d < op->nf; d++) {
        int found = 0;
        for (size_t s = 0; s < nsynced && !found; s++) found = strcmp(synced_dirs[s], op->f[d]) == 0;
        ok &= found;
      }
    }
    durable[i] = (unsigned char)ok;
  }
  for (size_t i = n; i-- > 0;) {
    if (strchr("CMDUR", ops[i].kind) == NULL) continue;
    if (durable[i]) {
      names_kept++;
    } else {
      undo(&ops[i]);
      names_undone++;
    }
  }
  printf(
      "{\"filesReverted\":%lu,\"bytesRestored\":%lu,\"namesUndone\":%lu,\"namesKept\":%lu,"
      "\"processes\":%lu,\"fileSyncs\":%lu,\"dirSyncs\":%lu}\n",
      files_reverted, bytes_restored, names_undone, names_kept, processes, file_syncs, dir_syncs);
  return 0;
}
#endif
