package dev.swarmnet.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LibCTest {

    @Test
    void errnoIsDescribedByStrerrorTextAndSymbolicName() {
        assertThat(Errno.describe(Errno.EPERM)).isEqualTo("Operation not permitted (EPERM)");
        assertThat(Errno.describe(Errno.ENOENT)).isEqualTo("No such file or directory (ENOENT)");
        assertThat(Errno.describe(Errno.EBADFD)).isEqualTo("File descriptor in bad state (EBADFD)");
    }

    @Test
    void anErrnoWithoutASymbolicNameIsNamedByItsNumber() {
        assertThat(Errno.name(4000)).isEqualTo("errno 4000");
        assertThat(Errno.name(41)).isEqualTo("errno 41");
        assertThat(Errno.name(133)).isEqualTo("EHWPOISON");
    }

    @Test
    void openingAMissingFileNamesTheCallThePathAndErrno() {
        assertThatThrownBy(() -> LibC.open("/nonexistent/swarmnet", LibC.O_RDONLY, 0))
            .isInstanceOf(LinuxException.class)
            .hasMessage("open(\"/nonexistent/swarmnet\") failed: No such file or directory (ENOENT)")
            .satisfies(e -> {
                assertThat(((LinuxException) e).errno()).isEqualTo(Errno.ENOENT);
                assertThat(((LinuxException) e).call()).isEqualTo("open(\"/nonexistent/swarmnet\")");
            });
    }

    @Test
    void closingAnFdThatIsNotOpenNamesTheFd() {
        assertThatThrownBy(() -> LibC.close(999_999))
            .isInstanceOf(LinuxException.class)
            .hasMessage("close(fd 999999) failed: Bad file descriptor (EBADF)");
    }

    @Test
    void anIoctlThatDoesNotApplyToTheFdNamesTheRequestAndSubject() throws Exception {
        int fd = LibC.open("/proc/self/status", LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        try {
            assertThatThrownBy(() -> LibC.ioctl(fd, Ioctl.NS_GET_NSTYPE, "\"/proc/self/status\"", 0L))
                .isInstanceOf(LinuxException.class)
                .hasMessage("ioctl(NS_GET_NSTYPE, \"/proc/self/status\") failed:"
                    + " Inappropriate ioctl for device (ENOTTY)");
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void fcntlReportsTheFlagsAnFdWasOpenedWith() throws Exception {
        int fd = LibC.open("/proc/self/status", LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        try {
            assertThat(LibC.fcntl(fd, LibC.F_GETFL, 0) & LibC.O_NONBLOCK).isEqualTo(LibC.O_NONBLOCK);
            assertThat(LibC.fcntl(fd, LibC.F_GETFD, 0) & LibC.FD_CLOEXEC).isEqualTo(LibC.FD_CLOEXEC);
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void readFillsTheBufferFromTheStartAndPollSeesAReadableFile() throws Exception {
        int fd = LibC.open("/proc/self/status", LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        try {
            assertThat(LibC.poll(fd, LibC.POLLIN, 0) & LibC.POLLIN).isEqualTo(LibC.POLLIN);
            byte[] buf = new byte[5];
            assertThat(LibC.read(fd, buf)).isEqualTo(5);
            assertThat(new String(buf, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("Name:");
        } finally {
            LibC.close(fd);
        }
    }
}
