/* Appends "<CLOCK_MONOTONIC ns> <argv[2]>\n" to the file argv[1] in one write: the moment a
 * watcher's command started, on the clock the benchmark's writer reads. */
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (argc < 3) return 64;
    char line[512];
    int n = snprintf(line, sizeof line, "%lld %s\n",
                     (long long)now.tv_sec * 1000000000LL + now.tv_nsec, argv[2]);
    if (n <= 0 || n >= (int)sizeof line) return 65;
    int fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0) return 74;
    ssize_t written = write(fd, line, (size_t)n);
    close(fd);
    return written == n ? 0 : 74;
}
